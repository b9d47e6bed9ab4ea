// The Sentinel page's query: what the sentinels say about the master they watch.
import { queryOptions } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { connections } from "@/lib/endpoints";
import { qk } from "@/lib/query-keys";

// Every 3 s, like the Cluster page: a failover (down-after plus the election, a few seconds)
// shows within a poll of the sentinels agreeing, and three SENTINEL commands cost them nothing.
export const SENTINEL_POLL_MS = 3000;

export function sentinelQuery(conn: string) {
  return queryOptions({
    queryKey: qk.sentinel(conn),
    queryFn: ({ signal }) => request(connections.sentinel, { params: { conn }, signal }),
    refetchInterval: SENTINEL_POLL_MS,
    staleTime: 0,
  });
}
