"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { diagnostics } from "@/lib/endpoints";
import { slowlogQuery } from "@/lib/queries";
import { qk } from "@/lib/query-keys";

export function useSlowlog(conn: string, count: number, autoRefresh: boolean) {
  return useQuery(slowlogQuery(conn, count, autoRefresh));
}

/** SLOWLOG RESET; every count's list is read again. */
export function useResetSlowlog(conn: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => request(diagnostics.resetSlowlog, { params: { conn }, query: {} }),
    onSettled: () => client.invalidateQueries({ queryKey: qk.slowlogs(conn) }),
  });
}
