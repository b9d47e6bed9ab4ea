"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { ops } from "@/lib/endpoints";
import { persistenceQuery } from "@/lib/queries";
import { qk } from "@/lib/query-keys";

export function usePersistence(conn: string) {
  return useQuery(persistenceQuery(conn));
}

/** BGSAVE or BGREWRITEAOF; the status query is refetched at once so it shows "running". */
export function usePersistenceAction(conn: string, action: "bgsave" | "bgrewriteaof") {
  const client = useQueryClient();
  return useMutation({
    meta: { inlineErrors: ["CONFLICT"] },
    mutationFn: () => request(ops[action], { params: { conn } }),
    onSettled: () => client.invalidateQueries({ queryKey: qk.persistence(conn) }),
  });
}
