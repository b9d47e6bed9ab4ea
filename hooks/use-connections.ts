"use client";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { server } from "@/lib/endpoints";
import { qk } from "@/lib/query-keys";

export const connectionsQuery = () =>
  queryOptions({
    queryKey: qk.connections(),
    queryFn: () => request(server.connections, {}),
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
    queryFn: () => request(server.databases, { params: { conn } }),
    refetchInterval: (query) => (query.state.status === "error" ? 3_000 : 15_000),
    retry: false,
  });
}
