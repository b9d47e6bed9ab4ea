// Queries of a connection's server health: the overview, its history, persistence and settings.
import { queryOptions } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { ops } from "@/lib/endpoints";
import { qk } from "@/lib/query-keys";
import type { History } from "@/lib/schemas/overview";

// The overview polls every 2 s, the sampler's pace: each request also keeps the server's sampler
// running. TanStack pauses polling in a hidden tab, and the sampler stops a minute later.
export const OVERVIEW_POLL_MS = 2000;

/** The overview; on a cluster `node` picks one node (null: the cluster's totals). */
export function overviewQuery(conn: string, node: string | null = null) {
  return queryOptions({
    queryKey: qk.overviewOf(conn, node),
    queryFn: ({ signal }) =>
      request(ops.overview, { params: { conn }, query: { node: node ?? undefined }, signal }),
    refetchInterval: OVERVIEW_POLL_MS,
    staleTime: 0,
  });
}

/**
 * The charts' history: the whole hour once, then only the samples after the newest one held,
 * appended to what the cache has (a poll is a few hundred bytes, not the whole hour again).
 */
export function overviewHistoryQuery(conn: string) {
  const key = qk.overviewHistory(conn);
  return queryOptions({
    queryKey: key,
    queryFn: async ({ client, signal }): Promise<History> => {
      const held = client.getQueryData<History>(key);
      const since = held?.samples.at(-1)?.t;
      const page = await request(ops.history, { params: { conn }, query: { since }, signal });
      if (!held || since === undefined) return page;
      const oldest = Date.now() / 1000 - page.windowSeconds;
      const kept = held.samples.filter((s) => s.t >= oldest);
      return { ...page, samples: [...kept, ...page.samples] };
    },
    refetchInterval: OVERVIEW_POLL_MS,
    staleTime: 0,
  });
}

/** RDB/AOF status: every second while a save or rewrite runs, every 5 s otherwise. */
/** On a cluster, of `node` (null: the first master, which the answer names). */
export function persistenceQuery(conn: string, node: string | null = null) {
  return queryOptions({
    queryKey: qk.persistence(conn, node),
    queryFn: ({ signal }) =>
      request(ops.persistence, { params: { conn }, query: { node: node ?? undefined }, signal }),
    refetchInterval: (q) => {
      const p = q.state.data;
      const busy = p && (p.rdbBgsaveInProgress || p.aofRewriteInProgress || p.aofRewriteScheduled);
      return busy ? 1000 : 5000;
    },
    staleTime: 0,
  });
}

export function configSettingsQuery(conn: string, node: string | null = null) {
  return queryOptions({
    queryKey: qk.configSettings(conn, node),
    queryFn: ({ signal }) =>
      request(ops.config, { params: { conn }, query: { node: node ?? undefined }, signal }),
    staleTime: 10_000,
  });
}
