import "server-only";
import type { Redis } from "ioredis";
import { config } from "@/lib/config";
import { ApiError } from "@/lib/errors";
import type { ClusterNodeView, ClusterView, OverviewCluster } from "@/lib/schemas/cluster";
import { connectionConfig } from "./client";
import { type ClusterNode, clusterLayout } from "./cluster-layout";
import { hitRatio, type InfoFields, numberOrNull, parseInfo } from "./info";
import { targetFor } from "./target";

// The Cluster page's figures: the layout (CLUSTER NODES, cluster-layout.ts), one INFO per node
// in parallel and CLUSTER INFO. Each node is bounded by the connect + command timeouts on its
// own, so a dead or paused node is a row with an error, never a failed page.

/** 404 unless the connection is a cluster (a standalone or Sentinel connection has no page). */
export function assertCluster(connId: string): void {
  if (connectionConfig(connId).topology?.mode !== "cluster")
    throw new ApiError("NOT_FOUND", `Connection "${connId}" is not a Redis Cluster.`);
}

/** Rejects after `ms` with a message that names the node, whatever the promise does. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ApiError("REDIS_UNAVAILABLE", `${what}: no answer within ${ms} ms.`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** How long one node may take: to connect, then to answer. */
export function nodeBudgetMs(): number {
  const { connectTimeoutMs, commandTimeoutMs } = config();
  return connectTimeoutMs + commandTimeoutMs;
}

export type NodeInfo = { node: ClusterNode; info: InfoFields | null; error: string | null };

/** INFO `section` of every node of the layout, in parallel, each within its own budget. */
export async function infoOfNodes(connId: string, section = "default"): Promise<NodeInfo[]> {
  const layout = await clusterLayout(connId);
  const target = targetFor(connId, 0);
  const budget = nodeBudgetMs();
  return Promise.all(
    ordered(layout.nodes, layout.masters).map(async (node): Promise<NodeInfo> => {
      try {
        const text = await within(
          (async () => (await target.nodeAt(node.addr)).client.info(section))(),
          budget,
          node.addr,
        );
        return { node, info: parseInfo(text), error: null };
      } catch (e) {
        return { node, info: null, error: (e as Error).message };
      }
    }),
  );
}

/** Masters by first slot, each followed by its replicas; masters without slots and orphans last. */
function ordered(nodes: ClusterNode[], masters: ClusterNode[]): ClusterNode[] {
  const out: ClusterNode[] = [];
  const withSlaves = (m: ClusterNode) => {
    out.push(m);
    out.push(...nodes.filter((n) => n.role === "replica" && n.masterId === m.id));
  };
  for (const m of masters) withSlaves(m);
  for (const m of nodes.filter((n) => n.role === "master" && !masters.includes(n))) withSlaves(m);
  for (const n of nodes) if (!out.includes(n)) out.push(n);
  return out;
}

function db0Keys(info: InfoFields): number {
  const m = /keys=(\d+)/.exec(info.get("db0") ?? "");
  return m ? Number(m[1]) : 0;
}

/** `lag=` of the master's `slaveN:ip=…,port=…,lag=…` line for the replica at `announced`. */
function lagFromMaster(master: InfoFields | null, announced: string): number | null {
  if (!master) return null;
  for (const [field, value] of master) {
    if (!/^slave\d+$/.test(field)) continue;
    const p = new Map(value.split(",").map((kv) => kv.split("=", 2) as [string, string]));
    if (`${p.get("ip")}:${p.get("port")}` === announced) {
      const lag = Number(p.get("lag"));
      return Number.isFinite(lag) ? lag : null;
    }
  }
  return null;
}

function nodeView(n: NodeInfo, all: NodeInfo[]): ClusterNodeView {
  const { node, info } = n;
  const get = (name: string) => (info ? numberOrNull(info, name) : null);
  const master = node.masterId ? all.find((o) => o.node.id === node.masterId) : undefined;
  const offset = node.role === "master" ? get("master_repl_offset") : get("slave_repl_offset");
  const masterOffset = master?.info ? numberOrNull(master.info, "master_repl_offset") : null;
  const hits = get("keyspace_hits");
  const misses = get("keyspace_misses");
  return {
    id: node.id,
    addr: node.addr,
    role: node.role,
    masterId: node.masterId,
    slots: node.slots,
    keys: info ? db0Keys(info) : null,
    usedMemoryBytes: get("used_memory"),
    linkState: node.linkState,
    failing: node.failing,
    flags: node.flags,
    opsPerSec: get("instantaneous_ops_per_sec"),
    hitRatio: hits === null || misses === null ? null : hitRatio(hits, misses),
    connectedClients: get("connected_clients"),
    replicationOffset: offset,
    lagBytes:
      node.role === "replica" && offset !== null && masterOffset !== null
        ? Math.max(0, masterOffset - offset)
        : null,
    lagSeconds:
      node.role === "replica"
        ? (lagFromMaster(master?.info ?? null, node.announced) ?? get("master_last_io_seconds_ago"))
        : null,
    version: info ? (info.get("valkey_version") ?? info.get("redis_version") ?? null) : null,
    uptimeSeconds: get("uptime_in_seconds"),
    error: n.error,
  };
}

/** CLUSTER INFO from the first node that answers (the layout's own node first). */
async function clusterInfo(connId: string, candidates: string[]): Promise<[string, InfoFields]> {
  const target = targetFor(connId, 0);
  let last: unknown;
  for (const addr of candidates.slice(0, 6)) {
    try {
      const text = await within(
        (async () => String(await (await target.nodeAt(addr)).client.call("CLUSTER", "INFO")))(),
        nodeBudgetMs(),
        addr,
      );
      return [addr, parseInfo(text)];
    } catch (e) {
      last = e;
    }
  }
  throw last instanceof ApiError
    ? last
    : new ApiError("REDIS_UNAVAILABLE", `No cluster node answers CLUSTER INFO: ${String(last)}`);
}

export async function readCluster(connId: string): Promise<ClusterView> {
  assertCluster(connId);
  const layout = await clusterLayout(connId);
  const answerable = [layout.from, ...layout.nodes.filter((n) => !n.failing).map((n) => n.addr)];
  const [infos, [from, ci]] = await Promise.all([
    infoOfNodes(connId),
    clusterInfo(connId, [...new Set(answerable)]),
  ]);
  const n = (name: string) => numberOrNull(ci, name) ?? 0;
  return {
    state: ci.get("cluster_state") ?? "unknown",
    slotsAssigned: n("cluster_slots_assigned"),
    slotsOk: n("cluster_slots_ok"),
    slotsPfail: n("cluster_slots_pfail"),
    slotsFail: n("cluster_slots_fail"),
    knownNodes: n("cluster_known_nodes"),
    size: n("cluster_size"),
    currentEpoch: n("cluster_current_epoch"),
    nodes: infos.map((i) => nodeView(i, infos)),
    info: Object.fromEntries(ci),
    from,
    sampledAt: Date.now() / 1000,
  };
}

/** The node list of the overview's picker. */
export function pickerNodes(infos: NodeInfo[]): OverviewCluster["nodes"] {
  return infos.map(({ node, error }) => ({
    id: node.id,
    addr: node.addr,
    role: node.role,
    error,
  }));
}

/**
 * The node a server-wide page (persistence, settings) works on: `node` when given (400 naming
 * the nodes when it is not one), else the first server node, which on a cluster is the first
 * master: the answer names it, so the page can say whose figures these are.
 */
export async function pickNode(
  connId: string,
  node: string | undefined,
): Promise<{ client: Redis; addr: string | undefined }> {
  const target = targetFor(connId, 0);
  const picked = node ? await target.nodeAt(node) : (await target.serverNodes())[0];
  if (!picked) throw new ApiError("REDIS_UNAVAILABLE", `Connection "${connId}" has no node.`);
  return { client: picked.client, addr: target.kind === "cluster" ? picked.addr : undefined };
}
