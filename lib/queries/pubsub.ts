// Queries of the Pub/Sub page: the active channels (PUBSUB CHANNELS + NUMSUB).
import { queryOptions } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { pubsub } from "@/lib/endpoints";
import { qk } from "@/lib/query-keys";

export function pubsubChannelsQuery(conn: string, match: string) {
  return queryOptions({
    queryKey: qk.pubsubChannels(conn, match),
    queryFn: ({ signal }) =>
      request(pubsub.pubsubChannels, { params: { conn }, query: { match }, signal }),
    // Refreshed by hand and after a publish; subscribers come and go too fast to poll usefully.
    staleTime: 10_000,
  });
}
