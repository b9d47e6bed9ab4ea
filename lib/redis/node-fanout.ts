import "server-only";
import { ApiError } from "@/lib/errors";
import { clusterLayout } from "./cluster-layout";
import { type RedisTarget, type TargetNode, targetFor } from "./target";
import { clusterNodeNames } from "./target-cluster";

// The tools that read a server's own state (slowlog, clients, latency) ask every node of a
// cluster — masters and replicas — and say which node each row comes from. A node that is down
// is one error for that node, not a failed page: the others still answer.

/** How one node answered: its rows, or why it could not. */
type NodeOutcome<T> = {
  /** host:port; undefined on a standalone or Sentinel connection (one server, no node column). */
  addr?: string;
  role: "master" | "replica";
} & ({ ok: true; value: T } | { ok: false; error: string });

/** The per-node summary the pages show beside the merged rows. */
type NodeStatus = { node: string; role: "master" | "replica"; error?: string };

function message(e: unknown): string {
  return e instanceof Error ? e.message.split("\n")[0] || e.name : String(e);
}

/**
 * Runs `fn` on every node: the one server, or each cluster node (masters first). A 403 of an
 * admin command (the same on every node) is thrown as it is, so the page explains it once.
 */
export async function onEveryNode<T>(
  connId: string,
  fn: (node: TargetNode) => Promise<T>,
): Promise<NodeOutcome<T>[]> {
  const target = targetFor(connId, 0);
  if (target.kind !== "cluster") {
    const [node] = await target.serverNodes();
    if (!node) throw new Error(`connection "${connId}" has no nodes`);
    return [{ role: "master", ok: true, value: await fn(node) }];
  }
  const layout = await clusterLayout(connId);
  const ordered = [...layout.masters, ...layout.nodes.filter((n) => !layout.masters.includes(n))];
  const outcomes = await Promise.all(
    ordered.map(async (n): Promise<NodeOutcome<T>> => {
      const base = { addr: n.addr, role: n.role };
      if (n.failing) return { ...base, ok: false, error: "marked failing by the cluster" };
      try {
        return { ...base, ok: true, value: await fn(await target.nodeAt(n.addr)) };
      } catch (e) {
        if (e instanceof ApiError && e.code === "FORBIDDEN") throw e;
        return { ...base, ok: false, error: message(e) };
      }
    }),
  );
  if (!outcomes.some((o) => o.ok)) {
    const first = outcomes.find((o) => !o.ok);
    throw new ApiError(
      "REDIS_UNAVAILABLE",
      `No cluster node answers${first && !first.ok ? `: ${first.error}` : ""}.`,
    );
  }
  return outcomes;
}

/** Each node's status, for a page's node list; none on a standalone connection. */
export function nodeStatuses(outcomes: NodeOutcome<unknown>[]): NodeStatus[] | undefined {
  if (outcomes.every((o) => o.addr === undefined)) return undefined;
  return outcomes.map((o) => ({
    node: o.addr as string,
    role: o.role,
    ...(!o.ok && { error: o.error }),
  }));
}

/**
 * The one node a per-node write (SLOWLOG RESET on one node, CLIENT KILL) goes to: `node` when
 * given, the one server on a standalone connection; on a cluster without it, 400 naming the nodes.
 */
export async function oneNode(
  target: RedisTarget,
  node: string | undefined,
  what: string,
): Promise<TargetNode> {
  if (node) return target.nodeAt(node);
  if (target.kind === "cluster") {
    const names = await clusterNodeNames(target.connId);
    throw new ApiError(
      "BAD_REQUEST",
      `node: ${what} needs a node on a cluster; the nodes are ${names}.`,
    );
  }
  const [only] = await target.serverNodes();
  if (!only) throw new Error(`connection "${target.connId}" has no nodes`);
  return only;
}
