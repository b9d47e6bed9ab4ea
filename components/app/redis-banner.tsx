"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useDatabases } from "@/hooks/use-connections";
import { qk } from "@/lib/query-keys";

/**
 * A banner while this connection's Redis is unreachable, with the reason. The databases query
 * polls every 3 s meanwhile; when it succeeds again everything on the page is refetched.
 */
export function RedisBanner({ conn }: { conn: string }) {
  const databases = useDatabases(conn);
  const client = useQueryClient();
  const wasDown = useRef(false);
  const down = databases.isError;
  useEffect(() => {
    if (down) wasDown.current = true;
    else if (wasDown.current && databases.isSuccess) {
      wasDown.current = false;
      void client.invalidateQueries({ queryKey: qk.conn(conn) });
      void client.resetQueries({
        queryKey: qk.dbs(conn),
        predicate: (q) => q.state.status === "error",
      });
    }
  }, [down, databases.isSuccess, client, conn]);
  if (!down) return null;
  return (
    <div
      role="alert"
      data-testid="redis-banner"
      className="flex items-center gap-3 border-b border-red-300 bg-red-50 px-4 py-2 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100"
    >
      <span className="inline-block size-2 animate-pulse rounded-full bg-red-500" aria-hidden />
      <span className="min-w-0 flex-1">
        <strong>Redis is unreachable.</strong> {databases.error.message} Retrying every 3 s; this
        page recovers on its own.
      </span>
    </div>
  );
}
