import "server-only";
import { config } from "@/lib/config";
import { ApiError } from "@/lib/errors";
import { processState } from "@/lib/process-state";
import type { RedisTarget, TargetNode } from "./target";

// Every event stream (profiler, pub/sub, keyspace events) holds Redis connections of its own:
// MONITOR and SUBSCRIBE take a connection over, so none of them can share the clients that
// serve the other pages. This is the one place that opens them: at most KEYSCOPE_MAX_STREAMS
// streams per Keyscope connection at once (429 beyond, before the stream starts), and each
// stream's connections are closed the moment its signal aborts (the browser left, the time
// limit ended, the producer finished) or Keyscope shuts down (closeAllStreams).

type Open = { connId: string; nodes: TargetNode[]; close(): void };

const open = processState("streamSlots", () => new Set<Open>());

function countFor(connId: string): number {
  let n = 0;
  for (const o of open) if (o.connId === connId) n++;
  return n;
}

/**
 * Dedicated connections for one stream, one per master of `target` (a standalone server: one),
 * or only on the masters whose ids are in `opts.only` (a subscription's sharded channels), or
 * to the one cluster node `opts.node` (host:port, a replica included), named `keyscope-<kind>`
 * in CLIENT LIST. However many nodes, the stream takes one slot. They close when `signal`
 * aborts; call it before the stream starts, so a refusal (429, 503) is the HTTP answer rather
 * than an event.
 */
export async function openStreamConnections(
  target: RedisTarget,
  kind: string,
  signal: AbortSignal,
  opts: { node?: string; only?: readonly string[] } = {},
): Promise<TargetNode[]> {
  const max = config().maxStreams;
  if (countFor(target.connId) >= max)
    throw new ApiError(
      "TOO_MANY_REQUESTS",
      `${max} streams are already open on connection "${target.connId}" (KEYSCOPE_MAX_STREAMS); close one first.`,
      { retryAfterSeconds: 5 },
    );
  // The slot is taken before connecting, so a burst of opens cannot overshoot the limit.
  const entry: Open = { connId: target.connId, nodes: [], close: () => {} };
  open.add(entry);
  let closed = false;
  entry.close = () => {
    if (closed) return;
    closed = true;
    open.delete(entry);
    for (const node of entry.nodes) node.client.disconnect();
  };
  try {
    // No command timeout: a subscribed or monitoring connection waits for pushes, not replies.
    entry.nodes = await target.dedicated(`keyscope-${kind}`, { ownTimeout: true, ...opts });
  } catch (e) {
    entry.close();
    throw e;
  }
  if (signal.aborted) entry.close();
  else signal.addEventListener("abort", entry.close, { once: true });
  return entry.nodes;
}

/** Streams open on a connection now (for tests and the status of the tools). */
export function openStreamCount(connId: string): number {
  return countFor(connId);
}

/** Closes every stream's connections: on shutdown, and between tests. */
export function closeAllStreams(): void {
  for (const o of [...open]) o.close();
}
