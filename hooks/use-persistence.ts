"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { ops } from "@/lib/endpoints";
import { persistenceQuery } from "@/lib/queries";
import { qk } from "@/lib/query-keys";

export function usePersistence(conn: string, node: string | null = null) {
  return useQuery(persistenceQuery(conn, node));
}

/** BGSAVE or BGREWRITEAOF; the status query is refetched at once so it shows "running". */
export function usePersistenceAction(
  conn: string,
  action: "bgsave" | "bgrewriteaof",
  node: string | null = null,
) {
  const client = useQueryClient();
  return useMutation({
    meta: { inlineErrors: ["CONFLICT"] },
    mutationFn: () =>
      request(ops[action], { params: { conn }, query: { node: node ?? undefined } }),
    onSettled: () => client.invalidateQueries({ queryKey: qk.persistence(conn, node) }),
  });
}
