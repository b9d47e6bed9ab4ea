import { clusterView } from "@/lib/schemas/cluster";
import { connectionParams } from "@/lib/schemas/connections";
import { CONN, endpoint } from "./define";

// A Redis Cluster's nodes and slots (docs/cluster.md).

export const cluster = endpoint({
  method: "GET",
  path: `${CONN}/cluster`,
  summary:
    "The cluster's nodes (role, slots, keys, memory, ops/s, replication lag; a node that does not answer has an error) and CLUSTER INFO; 404 unless a cluster",
  params: connectionParams,
  response: clusterView,
});
