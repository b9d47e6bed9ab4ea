"use client";
import { useQuery } from "@tanstack/react-query";
import { clusterQuery } from "@/lib/queries";
import { useConnection } from "./use-connections";

/** The cluster's nodes, slots and CLUSTER INFO, polled while the page is open. */
export function useCluster(conn: string) {
  return useQuery(clusterQuery(conn));
}

/** A tool page's choice of node: the cluster's nodes, or null on any other connection. */
export function useClusterNodes(conn: string) {
  const { connection } = useConnection(conn);
  const isCluster = connection?.mode === "cluster";
  const cluster = useQuery({ ...clusterQuery(conn), enabled: isCluster });
  if (!isCluster) return null;
  return (cluster.data?.nodes ?? []).map((n) => ({
    id: n.id,
    addr: n.addr,
    role: n.role,
    error: n.error,
  }));
}
