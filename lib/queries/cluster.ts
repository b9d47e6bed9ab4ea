// The Cluster page's query: nodes, slots and CLUSTER INFO.
import { queryOptions } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { cluster } from "@/lib/endpoints";
import { qk } from "@/lib/query-keys";

// Every 3 s: a failover or a node going silent shows within a poll plus the layout's one second
// (lib/redis/cluster-layout.ts), and six INFOs every 3 s cost the nodes nothing.
export const CLUSTER_POLL_MS = 3000;

export function clusterQuery(conn: string) {
  return queryOptions({
    queryKey: qk.cluster(conn),
    queryFn: ({ signal }) => request(cluster.cluster, { params: { conn }, signal }),
    refetchInterval: CLUSTER_POLL_MS,
    staleTime: 0,
  });
}
