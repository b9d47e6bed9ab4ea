// Queries of the slowlog, clients and latency pages. Polling is each page's choice (auto-refresh,
// pause), so it is a parameter here: everything a query depends on is in its options.
import { queryOptions } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { diagnostics } from "@/lib/endpoints";
import { qk } from "@/lib/query-keys";

/** How often the slowlog re-reads itself with auto-refresh on, and the clients list unpaused. */
export const SLOWLOG_POLL_MS = 5000;
export const CLIENTS_POLL_MS = 3000;
export const LATENCY_POLL_MS = 5000;

export function slowlogQuery(conn: string, count: number, poll: boolean) {
  return queryOptions({
    queryKey: qk.slowlog(conn, count),
    queryFn: ({ signal }) =>
      request(diagnostics.slowlog, { params: { conn }, query: { count }, signal }),
    refetchInterval: poll ? SLOWLOG_POLL_MS : false,
    staleTime: 0,
  });
}

export function clientsQuery(conn: string, poll: boolean) {
  return queryOptions({
    queryKey: qk.clients(conn),
    queryFn: ({ signal }) => request(diagnostics.clients, { params: { conn }, signal }),
    refetchInterval: poll ? CLIENTS_POLL_MS : false,
    staleTime: 0,
  });
}

/** `node`: on a cluster, the node to read (null: the first master). */
export function latencyQuery(conn: string, node: string | null) {
  return queryOptions({
    queryKey: qk.latency(conn, node),
    queryFn: ({ signal }) =>
      request(diagnostics.latency, {
        params: { conn },
        query: { node: node ?? undefined },
        signal,
      }),
    refetchInterval: LATENCY_POLL_MS,
    staleTime: 0,
  });
}

export function latencyHistoryQuery(conn: string, event: string | null, node: string | null) {
  return queryOptions({
    queryKey: qk.latencyHistory(conn, event ?? "", node),
    queryFn: ({ signal }) =>
      request(diagnostics.latencyHistory, {
        params: { conn },
        query: { event: event ?? "", node: node ?? undefined },
        signal,
      }),
    enabled: event !== null,
    refetchInterval: LATENCY_POLL_MS,
    staleTime: 0,
  });
}
