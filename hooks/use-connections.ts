"use client";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { qk } from "@/lib/query-keys";
import { connectionList, databaseList } from "@/lib/schemas/connections";

export const connectionsQuery = () =>
  queryOptions({
    queryKey: qk.connections(),
    queryFn: () => api("/api/connections", connectionList),
    staleTime: 60_000,
  });

export function useConnections() {
  return useQuery(connectionsQuery());
}

export function useConnection(conn: string) {
  const q = useConnections();
  return { ...q, connection: q.data?.connections.find((c) => c.id === conn) };
}

/**
 * Databases with key counts. It doubles as the connection's health probe: while it fails the
 * banner shows, and it polls faster so the page recovers on its own when Redis returns.
 */
export function useDatabases(conn: string) {
  return useQuery({
    queryKey: qk.databases(conn),
    queryFn: () => api(`/api/connections/${encodeURIComponent(conn)}/databases`, databaseList),
    refetchInterval: (query) => (query.state.status === "error" ? 3_000 : 15_000),
    retry: false,
  });
}
