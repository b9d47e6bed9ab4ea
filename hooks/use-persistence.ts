"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { ops } from "@/lib/endpoints";
import { qk } from "@/lib/query-keys";

/** RDB/AOF status: every second while a save or rewrite runs, every 5 s otherwise. */
export function usePersistence(conn: string) {
  return useQuery({
    queryKey: qk.persistence(conn),
    queryFn: ({ signal }) => request(ops.persistence, { params: { conn }, signal }),
    refetchInterval: (q) => {
      const p = q.state.data;
      const busy = p && (p.rdbBgsaveInProgress || p.aofRewriteInProgress || p.aofRewriteScheduled);
      return busy ? 1000 : 5000;
    },
    staleTime: 0,
  });
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
