"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { ops } from "@/lib/endpoints";
import { qk } from "@/lib/query-keys";

/**
 * FLUSHDB (`db` a number) or FLUSHALL (`db` "all"). `confirm` is what the person typed; the
 * server checks it again. Everything cached for the connection is stale afterwards. `onDone`
 * runs before the refetch: the flushed database's row, and the dialog in it, may unmount then.
 */
export function useFlush(conn: string, db: number | "all", onDone: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (confirm: string) =>
      db === "all"
        ? request(ops.flushall, { params: { conn }, body: { confirm } })
        : request(ops.flush, { params: { conn, db }, body: { confirm } }),
    onSuccess: () => {
      onDone();
      return client.invalidateQueries({ queryKey: qk.conn(conn) });
    },
  });
}
