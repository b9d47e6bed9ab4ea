"use client";
import { useQuery } from "@tanstack/react-query";
import { clusterQuery } from "@/lib/queries";

/** The cluster's nodes, slots and CLUSTER INFO, polled while the page is open. */
export function useCluster(conn: string) {
  return useQuery(clusterQuery(conn));
}
