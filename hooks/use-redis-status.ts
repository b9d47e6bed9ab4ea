"use client";
import { useQuery } from "@tanstack/react-query";
import { statusQuery } from "@/lib/queries";
import { isTransient } from "@/lib/query-client";

/** The connection's readiness, polled every second (one poll however many components ask). */
export function useRedisStatus(conn: string) {
  return useQuery(statusQuery(conn));
}

/** Why what the page shows may be out of date. */
export type Staleness =
  | { stale: false }
  | {
      stale: true;
      /** down: Redis refuses or closed the connection; hung: it does not answer; offline:
       * Keyscope's own server does not answer. */
      reason: "down" | "hung" | "offline";
      /** Since when (ms since the epoch). */
      since: number;
      /** "stale — Redis unreachable since 14:02:07", for the panels' marks. */
      label: string;
    };

const FRESH: Staleness = { stale: false };

/**
 * Whether panels showing this connection's Redis data show stale data: while Redis is down or
 * hangs (the server's probe says so), or while Keyscope itself does not answer. Panels mark
 * themselves stale with it (components/app/redis-stale.tsx), and TTL countdowns stop.
 */
export function useRedisStale(conn: string): Staleness {
  const status = useRedisStatus(conn);
  if (status.isError && isTransient(status.error)) {
    const since = status.dataUpdatedAt || status.errorUpdatedAt;
    return {
      stale: true,
      reason: "offline",
      since,
      label: `stale — Keyscope unreachable since ${clock(since)}`,
    };
  }
  const s = status.data;
  if (s && (s.state === "down" || s.state === "hung")) {
    const since = s.since * 1000;
    return {
      stale: true,
      reason: s.state,
      since,
      label: `stale — Redis unreachable since ${clock(since)}`,
    };
  }
  return FRESH;
}

/** hh:mm:ss in local time, 24-hour, the same in every locale. */
export function clock(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()]
    .map((n) => String(n).padStart(2, "0"))
    .join(":");
}
