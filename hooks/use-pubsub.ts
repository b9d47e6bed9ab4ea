"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import type { JsonBytes } from "@/lib/bytes";
import { pubsub } from "@/lib/endpoints";
import { pubsubChannelsQuery } from "@/lib/queries";
import { qk } from "@/lib/query-keys";

export function usePubsubChannels(conn: string, match: string) {
  return useQuery(pubsubChannelsQuery(conn, match));
}

/**
 * PUBLISH or SPUBLISH (a write); the channels table is refreshed, a publish may be someone's
 * first sight.
 */
export function usePublish(conn: string) {
  const client = useQueryClient();
  return useMutation({
    meta: { inlineErrors: ["BAD_REQUEST", "READ_ONLY"] },
    mutationFn: (body: { channel: JsonBytes; message: JsonBytes; sharded?: boolean }) =>
      request(pubsub.pubsubPublish, { params: { conn }, body }),
    onSettled: () => client.invalidateQueries({ queryKey: qk.pubsub(conn) }),
  });
}
