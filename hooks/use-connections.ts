"use client";
import { useQuery } from "@tanstack/react-query";
import { connectionsQuery, databasesQuery } from "@/lib/queries";

export function useConnections() {
  return useQuery(connectionsQuery());
}

export function useConnection(conn: string) {
  const q = useConnections();
  return { ...q, connection: q.data?.connections.find((c) => c.id === conn) };
}

/** Databases with key counts (the database picker). */
export function useDatabases(conn: string) {
  return useQuery(databasesQuery(conn));
}
