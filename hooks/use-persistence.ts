"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { qk } from "@/lib/query-keys";
import { persistenceStatus, startedResult } from "@/lib/schemas/overview";

const connPath = (conn: string) => `/api/connections/${encodeURIComponent(conn)}`;

/** RDB/AOF status: every second while a save or rewrite runs, every 5 s otherwise. */
export function usePersistence(conn: string) {
  return useQuery({
    queryKey: qk.persistence(conn),
    queryFn: ({ signal }) => api(`${connPath(conn)}/persistence`, persistenceStatus, { signal }),
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
    mutationFn: () =>
      api(`${connPath(conn)}/persistence/${action}`, startedResult, { method: "POST" }),
    onSettled: () => client.invalidateQueries({ queryKey: qk.persistence(conn) }),
  });
}
