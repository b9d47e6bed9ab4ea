// Queries of the server as a whole: connections, their databases, the session.
import { queryOptions } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { auth, server } from "@/lib/endpoints";
import { qk } from "@/lib/query-keys";

export function connectionsQuery() {
  return queryOptions({
    queryKey: qk.connections(),
    queryFn: ({ signal }) => request(server.connections, { signal }),
    staleTime: 60_000,
  });
}

/** Databases with key counts (the database picker). */
export function databasesQuery(conn: string) {
  return queryOptions({
    queryKey: qk.databases(conn),
    queryFn: ({ signal }) => request(server.databases, { params: { conn }, signal }),
    refetchInterval: 15_000,
  });
}

// The banner's poll: 1 s, so with the server's probe (every 0.25 s, "hung" after 0.75 s without an
// answer) a Redis that goes away or hangs shows within 3 s, and so does its return. The answer
// comes from the probe's memory, never from Redis, so polling costs the server almost nothing.
export const STATUS_POLL_MS = 1000;

/** The connection's readiness (GET …/status). Not retried: the next poll is the retry. */
export function statusQuery(conn: string) {
  return queryOptions({
    queryKey: qk.status(conn),
    queryFn: ({ signal }) => request(server.status, { params: { conn }, signal }),
    refetchInterval: STATUS_POLL_MS,
    staleTime: 0,
    retry: false,
  });
}

export function sessionQuery() {
  return queryOptions({
    queryKey: qk.session(),
    queryFn: ({ signal }) => request(auth.session, { signal }),
    staleTime: 60_000,
  });
}
