"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, dbPath } from "@/lib/api-client";
import { qk } from "@/lib/query-keys";
import { flushResult } from "@/lib/schemas/overview";

/**
 * FLUSHDB (`db` a number) or FLUSHALL (`db` "all"). `confirm` is what the person typed; the
 * server checks it again. Everything cached for the connection is stale afterwards. `onDone`
 * runs before the refetch: the flushed database's row, and the dialog in it, may unmount then.
 */
export function useFlush(conn: string, db: number | "all", onDone: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (confirm: string) =>
      api(
        db === "all"
          ? `/api/connections/${encodeURIComponent(conn)}/flushall`
          : `${dbPath(conn, db)}/flush`,
        flushResult,
        { method: "POST", json: { confirm } },
      ),
    onSuccess: () => {
      onDone();
      return client.invalidateQueries({ queryKey: qk.conn(conn) });
    },
  });
}
