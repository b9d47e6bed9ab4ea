import "server-only";
import { ApiError } from "@/lib/errors";
import { dedicatedClient, sharedClient } from "./client";
import {
  type ClusterLayout,
  type ClusterNode,
  clusterLayout,
  layoutIsStale,
} from "./cluster-layout";
import { keySlot } from "./slot";
import type { RedisTarget, TargetNode } from "./target";

// A Redis Cluster as a target: keys go to the master that owns their slot (computed from the
// key's bytes, lib/redis/slot.ts), keyspace work fans out over the masters, and each master is
// talked to through a plain client of its own — never ioredis's Cluster object, whose pipelines
// group commands by the slot of the key as text and whose SCAN goes to one random node.

function unowned(slot: number): ApiError {
  return new ApiError(
    "REDIS_UNAVAILABLE",
    `No master owns slot ${slot} right now (the cluster is failing over or incomplete).`,
  );
}

async function nodeOf(connId: string, n: ClusterNode): Promise<TargetNode> {
  try {
    return { id: n.id, addr: n.addr, role: n.role, client: await sharedClient(connId, 0, n.addr) };
  } catch (e) {
    layoutIsStale(connId); // a master that cannot be reached may have been failed over
    throw e;
  }
}

function nodeList(layout: ClusterLayout): string {
  return layout.nodes.map((n) => `${n.addr} (${n.role})`).join(", ");
}

export function clusterTarget(connId: string): RedisTarget {
  const masterFor = async (key: Buffer): Promise<TargetNode> => {
    const layout = await clusterLayout(connId);
    const slot = keySlot(key);
    const master = layout.masters[layout.owner[slot] ?? -1];
    if (!master) {
      layoutIsStale(connId);
      throw unowned(slot);
    }
    return nodeOf(connId, master);
  };
  return {
    kind: "cluster",
    connId,
    db: 0,
    forKey: async (key) => (await masterFor(key)).client,
    masterFor,
    async masters() {
      const layout = await clusterLayout(connId);
      return Promise.all(layout.masters.map((m) => nodeOf(connId, m)));
    },
    async serverNodes() {
      const layout = await clusterLayout(connId);
      const ordered = [
        ...layout.masters,
        ...layout.nodes.filter((n) => !layout.masters.includes(n)),
      ].filter((n) => !n.failing);
      // A replica that is down must not take the masters' figures with it: skip what fails.
      const settled = await Promise.allSettled(ordered.map((n) => nodeOf(connId, n)));
      const nodes = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
      if (nodes.length === 0) {
        const failed = settled.find((s) => s.status === "rejected") as
          | PromiseRejectedResult
          | undefined;
        throw failed?.reason ?? new ApiError("REDIS_UNAVAILABLE", "No cluster node answers.");
      }
      return nodes;
    },
    async nodeAt(addr) {
      return nodeOf(connId, nodeNamed(await clusterLayout(connId), addr));
    },
    databaseCount: async () => 1,
    async dedicated(connectionName, opts) {
      const layout = await clusterLayout(connId);
      const nodes = opts?.node ? [nodeNamed(layout, opts.node)] : layout.masters;
      const opened: TargetNode[] = [];
      try {
        const only = opts?.only;
        for (const m of nodes) {
          if (only && !only.includes(m.id)) continue;
          const client = await dedicatedClient(connId, 0, connectionName, opts?.ownTimeout, m.addr);
          opened.push({ id: m.id, addr: m.addr, role: m.role, client });
        }
      } catch (e) {
        for (const n of opened) n.client.disconnect();
        layoutIsStale(connId);
        throw e;
      }
      return opened;
    },
  };
}

/** The node at `addr` (as Keyscope reaches it, or as it announces itself); 400 naming the nodes. */
function nodeNamed(layout: ClusterLayout, addr: string): ClusterNode {
  const node = layout.nodes.find((n) => n.addr === addr || n.announced === addr);
  if (!node)
    throw new ApiError(
      "BAD_REQUEST",
      `node: ${addr} is not a node of this cluster; the nodes are ${nodeList(layout)}.`,
    );
  return node;
}

/** The nodes of a cluster as the error of a keyless command without `node` names them. */
export async function clusterNodeNames(connId: string): Promise<string> {
  return nodeList(await clusterLayout(connId));
}
