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

/**
 * Databases with key counts. It doubles as the connection's health probe: while it fails the
 * banner shows, and it polls faster so the page recovers on its own when Redis returns.
 */
export function databasesQuery(conn: string) {
  return queryOptions({
    queryKey: qk.databases(conn),
    queryFn: ({ signal }) => request(server.databases, { params: { conn }, signal }),
    refetchInterval: (query) => (query.state.status === "error" ? 3_000 : 15_000),
  });
}

export function sessionQuery() {
  return queryOptions({
    queryKey: qk.session(),
    queryFn: ({ signal }) => request(auth.session, { signal }),
    staleTime: 60_000,
  });
}
