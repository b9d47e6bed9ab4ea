import "server-only";
import type { Redis } from "ioredis";
import type { NatMap } from "@/lib/connection-modes";
import { ApiError } from "@/lib/errors";
import { processState } from "@/lib/process-state";
import { closeNodeClients, connectionConfig, sharedClient } from "./client";
import { SLOT_COUNT } from "./slot";

// A cluster's layout, read from CLUSTER NODES (every Redis ≥ 3 and Valkey answer it; CLUSTER
// SHARDS is 7.0+ only) and kept per connection. Nodes are named by their node id, which stays
// the same for a node's life, and reached at their announced address through the connection's
// natMap. The layout is re-read in the background once it is a second old and awaited once it
// is ten seconds old, and at once when a caller saw it go stale (a MOVED reply, a dead master):
// a failover shows within about a second of the cluster electing the new master.

export type ClusterNode = {
  id: string;
  /** Where Keyscope reaches it (after natMap): host:port, no bus port. */
  addr: string;
  /** What the node announces (before natMap). */
  announced: string;
  role: "master" | "replica";
  masterId: string | null;
  /** Owned slot ranges, inclusive, ascending. */
  slots: [number, number][];
  linkState: "connected" | "disconnected";
  /** Marked fail (or pfail) by the cluster: its slots' keys are unreachable until a failover. */
  failing: boolean;
  flags: string[];
};

export type ClusterLayout = {
  nodes: ClusterNode[];
  /** Masters that own slots, ordered by their first slot: the order key walks follow. */
  masters: ClusterNode[];
  /** Index into `masters` of each slot's owner, -1 where no master owns it. */
  owner: Int16Array;
  fetchedAt: number;
  /** The node whose view this is. */
  from: string;
};

const FRESH_MS = 1000;
const STALE_MS = 10_000;

type Cached = { layout?: ClusterLayout; fetching?: Promise<ClusterLayout> };
const layouts = processState("clusterLayouts", () => new Map<string, Cached>());

/** Parses CLUSTER NODES; slots in migration (`[n->-id]`) stay with the node that owns them. */
export function parseClusterNodes(text: string, natMap: NatMap | undefined): ClusterNode[] {
  const nodes: ClusterNode[] = [];
  for (const line of text.split("\n")) {
    const parts = line.trim().split(" ");
    if (parts.length < 8) continue;
    const [id = "", address = "", flagText = "", master = "-", , , , link, ...slotParts] = parts;
    const flags = flagText.split(",");
    if (flags.includes("noaddr") || flags.includes("handshake")) continue;
    const announced = address.split("@")[0] as string;
    const slots: [number, number][] = [];
    for (const s of slotParts) {
      if (s.startsWith("[")) continue;
      const [a, b] = s.split("-");
      slots.push([Number(a), Number(b ?? a)]);
    }
    slots.sort((x, y) => x[0] - y[0]);
    nodes.push({
      id,
      addr: natMap?.[announced] ?? announced,
      announced,
      role: flags.includes("master") ? "master" : "replica",
      masterId: master === "-" ? null : master,
      slots,
      linkState: link === "connected" ? "connected" : "disconnected",
      failing: flags.includes("fail") || flags.includes("fail?"),
      flags: flags.filter((f) => f !== "myself"),
    });
  }
  return nodes;
}

function layoutOf(nodes: ClusterNode[], from: string): ClusterLayout {
  const masters = nodes
    .filter((n) => n.role === "master" && n.slots.length > 0)
    .sort((a, b) => (a.slots[0]?.[0] ?? 0) - (b.slots[0]?.[0] ?? 0));
  const owner = new Int16Array(SLOT_COUNT).fill(-1);
  masters.forEach((m, i) => {
    for (const [a, b] of m.slots) owner.fill(i, a, b + 1);
  });
  return { nodes, masters, owner, fetchedAt: Date.now(), from };
}

async function readFrom(connId: string, addr: string): Promise<ClusterLayout> {
  const client: Redis = await sharedClient(connId, 0, addr);
  let text: string;
  try {
    text = String(await client.call("CLUSTER", "NODES"));
  } catch (e) {
    const message = (e as Error).message;
    if (/cluster support disabled/i.test(message))
      throw new ApiError(
        "BAD_REQUEST",
        `Connection "${connId}" is set up as a cluster, but ${addr} is not in cluster mode.`,
      );
    throw e;
  }
  const conn = connectionConfig(connId);
  const natMap = conn.topology?.mode === "cluster" ? conn.topology.natMap : undefined;
  const nodes = parseClusterNodes(text, natMap);
  const layout = layoutOf(nodes, addr);
  if (layout.masters.length === 0)
    throw new ApiError(
      "REDIS_UNAVAILABLE",
      `The cluster behind ${addr} has no master owning slots yet.`,
    );
  return layout;
}

/** Asks live nodes (the last layout's masters first, then the seeds), three at a time; first answer wins. */
async function fetchLayout(
  connId: string,
  previous: ClusterLayout | undefined,
): Promise<ClusterLayout> {
  const conn = connectionConfig(connId);
  if (conn.topology?.mode !== "cluster") throw new Error(`connection "${connId}" is not a cluster`);
  const known = previous
    ? [
        ...previous.masters.filter((m) => !m.failing).map((m) => m.addr),
        ...previous.nodes.filter((n) => n.role === "replica" && !n.failing).map((n) => n.addr),
      ]
    : [];
  const candidates = [...new Set([...known, ...conn.topology.seeds])];
  let lastError: unknown;
  for (let i = 0; i < candidates.length; i += 3) {
    try {
      return await Promise.any(candidates.slice(i, i + 3).map((a) => readFrom(connId, a)));
    } catch (e) {
      lastError = e instanceof AggregateError ? e.errors[0] : e;
      if (lastError instanceof ApiError && lastError.code === "BAD_REQUEST") throw lastError;
    }
  }
  if (lastError instanceof ApiError) throw lastError;
  throw new ApiError(
    "REDIS_UNAVAILABLE",
    `Cannot reach any node of cluster "${connId}" (${(lastError as Error | undefined)?.message ?? "no nodes"}).`,
  );
}

function refresh(connId: string, cached: Cached): Promise<ClusterLayout> {
  cached.fetching ??= fetchLayout(connId, cached.layout)
    .then((layout) => {
      cached.layout = layout;
      const conn = connectionConfig(connId);
      const seeds = conn.topology?.mode === "cluster" ? conn.topology.seeds : [];
      closeNodeClients(connId, new Set([...seeds, ...layout.nodes.map((n) => n.addr)]));
      return layout;
    })
    .finally(() => {
      cached.fetching = undefined;
    });
  return cached.fetching;
}

/** The connection's cluster layout: cached for a second, re-read in the background until ten. */
export async function clusterLayout(
  connId: string,
  opts: { fresh?: boolean } = {},
): Promise<ClusterLayout> {
  let cached = layouts.get(connId);
  if (!cached) {
    cached = {};
    layouts.set(connId, cached);
  }
  const age = cached.layout ? Date.now() - cached.layout.fetchedAt : Number.POSITIVE_INFINITY;
  if (opts.fresh || age > STALE_MS) return refresh(connId, cached);
  if (age > FRESH_MS) refresh(connId, cached).catch(() => {});
  return cached.layout as ClusterLayout;
}

/** A caller saw the layout go stale (MOVED, a master gone): the next request re-reads it. */
export function layoutIsStale(connId: string): void {
  const cached = layouts.get(connId);
  if (cached?.layout) cached.layout = { ...cached.layout, fetchedAt: 0 };
}

/** Forgets a connection's layout (it was edited or deleted). */
export function forgetLayout(connId: string): void {
  layouts.delete(connId);
}
