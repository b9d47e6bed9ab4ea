"use client";
import { useQuery } from "@tanstack/react-query";
import { useConnection } from "@/hooks/use-connections";
import { clusterQuery } from "@/lib/queries";

/** The cluster's nodes, slots and CLUSTER INFO, polled while the page is open. */
export function useCluster(conn: string) {
  return useQuery(clusterQuery(conn));
}

export type PickableNode = {
  addr: string;
  role: "master" | "replica";
  failing: boolean;
  /** Shown after the role instead of "failing" (the overview: "not answering"). */
  note?: string;
};

/**
 * The nodes a tool can be pointed at (the profiler, the console, latency), masters each followed by
 * their replicas; null on a connection that is not a cluster. Read once, not polled: a tool's
 * picker needs the addresses, which change only when the cluster is re-shaped.
 */
export function useClusterNodes(conn: string): PickableNode[] | null {
  const mode = useConnection(conn).connection?.mode;
  const cluster = useQuery({
    ...clusterQuery(conn),
    enabled: mode === "cluster",
    refetchInterval: false,
    staleTime: 30_000,
  });
  if (mode !== "cluster") return null;
  return (cluster.data?.nodes ?? []).map((n) => ({
    addr: n.addr,
    role: n.role,
    failing: n.failing,
  }));
}
