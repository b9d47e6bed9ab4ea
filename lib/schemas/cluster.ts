import { z } from "zod";

// GET /api/connections/{conn}/cluster: the nodes of a Redis Cluster with their health figures,
// the slot ranges each master owns and CLUSTER INFO. Client-safe.

export { SLOT_COUNT } from "@/scripts/lib/key-slot.mjs";

/** host:port as the node picker sends it: a cluster node's address (IPv6 hosts unbracketed). */
export const nodeAddr = z
  .string()
  .max(300)
  .regex(/^[^\s/]+:\d{1,5}$/, "node must be host:port, one of the cluster's nodes");

/** `?node=host:port`: one node instead of the cluster's totals (or the first master). */
export const nodeQuery = z.strictObject({ node: nodeAddr.optional() });

export const clusterNodeView = z.object({
  id: z.string(),
  /** host:port Keyscope reaches it at, without the bus port. */
  addr: z.string(),
  role: z.enum(["master", "replica"]),
  masterId: z.string().nullable(),
  /** Owned slot ranges, inclusive, ascending (empty for replicas). */
  slots: z.array(z.tuple([z.number(), z.number()])),
  /** DBSIZE (db0 of INFO keyspace); null when the node did not answer. */
  keys: z.number().nullable(),
  usedMemoryBytes: z.number().nullable(),
  linkState: z.enum(["connected", "disconnected"]),
  /** Marked fail or pfail by the cluster. */
  failing: z.boolean(),
  flags: z.array(z.string()),
  opsPerSec: z.number().nullable(),
  hitRatio: z.number().nullable(),
  connectedClients: z.number().nullable(),
  /** master_repl_offset of a master, slave_repl_offset of a replica. */
  replicationOffset: z.number().nullable(),
  /** Replicas: how far behind their master's offset (bytes), and its last-interaction lag (s). */
  lagBytes: z.number().nullable(),
  lagSeconds: z.number().nullable(),
  version: z.string().nullable(),
  uptimeSeconds: z.number().nullable(),
  /** Why the figures are missing: the node did not answer INFO within the timeout. */
  error: z.string().nullable(),
});
export type ClusterNodeView = z.infer<typeof clusterNodeView>;

export const clusterView = z.object({
  /** cluster_state of CLUSTER INFO: "ok" or "fail". */
  state: z.string(),
  slotsAssigned: z.number(),
  slotsOk: z.number(),
  slotsPfail: z.number(),
  slotsFail: z.number(),
  knownNodes: z.number(),
  /** cluster_size: masters serving at least one slot. */
  size: z.number(),
  currentEpoch: z.number(),
  /** Masters first (by first slot), each followed by its replicas. */
  nodes: z.array(clusterNodeView),
  /** Every CLUSTER INFO field as the server wrote it. */
  info: z.record(z.string(), z.string()),
  /** The node whose CLUSTER NODES and CLUSTER INFO this is. */
  from: z.string(),
  sampledAt: z.number(),
});
export type ClusterView = z.infer<typeof clusterView>;

/** The overview's extra block on a cluster: which node it shows and the nodes to pick from. */
export const overviewCluster = z.object({
  /** The picked node, or null for the totals. */
  node: z.string().nullable(),
  nodes: z.array(
    z.object({
      id: z.string(),
      addr: z.string(),
      role: z.enum(["master", "replica"]),
      error: z.string().nullable(),
    }),
  ),
  /** How many masters the keys and keyspace are summed over, and how many nodes the load is. */
  mastersSummed: z.number(),
  nodesSummed: z.number(),
});
export type OverviewCluster = z.infer<typeof overviewCluster>;
