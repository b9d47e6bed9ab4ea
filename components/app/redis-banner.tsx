"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useHydrated } from "@/hooks/use-hydrated";
import { clock, useRedisStale, useRedisStatus } from "@/hooks/use-redis-status";
import { qk } from "@/lib/query-keys";

const HEADLINE = {
  down: "Redis is unreachable",
  hung: "Redis is not answering",
  offline: "Keyscope's server is not answering",
} as const;

// What a hang usually is, since the probe cannot tell.
const HINT = {
  down: "",
  hung: " (paused, swapping or busy with a long script?)",
  offline: "",
} as const;

/**
 * A banner while this connection's Redis is down or hangs (from GET …/status, polled every
 * second: it shows within 3 s), saying since when and why. Panels mark their data stale
 * meanwhile (components/app/redis-stale.tsx). When the probe says ok again, the banner goes and
 * everything of the connection is refetched.
 */
export function RedisBanner({ conn }: { conn: string }) {
  const hydrated = useHydrated();
  const status = useRedisStatus(conn);
  const stale = useRedisStale(conn);
  const client = useQueryClient();
  const wasStale = useRef(false);
  const ok = status.data?.state === "ok" && !status.isError;
  useEffect(() => {
    if (stale.stale) wasStale.current = true;
    else if (wasStale.current && ok) {
      wasStale.current = false;
      void client.invalidateQueries({ queryKey: qk.conn(conn) });
      // Failed key lists and values start afresh (a spinner, not the old error) while refetched.
      void client.resetQueries({
        queryKey: qk.dbs(conn),
        predicate: (q) => q.state.status === "error",
      });
    }
  }, [stale.stale, ok, client, conn]);
  if (!hydrated || !stale.stale) return null;
  const error = stale.reason === "offline" ? undefined : status.data?.error;
  return (
    <div
      role="alert"
      data-testid="redis-banner"
      data-state={stale.reason}
      className="flex items-center gap-3 border-b border-red-300 bg-red-50 px-4 py-2 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100"
    >
      <span className="inline-block size-2 animate-pulse rounded-full bg-red-500" aria-hidden />
      <span className="min-w-0 flex-1">
        <strong>
          {HEADLINE[stale.reason]} since {clock(stale.since)}.
        </strong>{" "}
        {error ?? "The page cannot reach Keyscope."}
        {HINT[stale.reason]}{" "}
        <span className="text-red-800/80 dark:text-red-200/70">
          What the page shows is from before then; it recovers on its own.
        </span>
      </span>
    </div>
  );
}
