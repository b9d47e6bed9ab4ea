import "server-only";
import type { Redis } from "ioredis";
import { ApiError } from "@/lib/errors";
import { processState } from "@/lib/process-state";

// One SCAN-family step (SCAN, HSCAN/SSCAN/ZSCAN, the scan scripts, bulk steps) per Redis node
// at a time, the others waiting here in order. Without it, 8 walks sent 8 steps down one
// connection, Redis ran them back to back, and a PING from any other client waited for all 8
// (issue 9: 460–1239 ms). Now another client waits for at most the one step in Redis, which
// scan-pace.ts keeps short. The queue is per node, not per ioredis client: every connection and
// database of a server shares its one thread, and bulk jobs' own connections queue here too.
//
// Steps from different walks could not run in Redis at the same time anyway, so one walk alone
// is as fast as before; several share the node fairly, step by step.

/**
 * Steps waiting for a node before a request is refused (429). A waiting step costs a closure,
 * not Redis time, so this only stops an unbounded pile: a team of 50 browsing at once (the load
 * bench's 50 clients) must never see a 429, and 32 refused 8 of a 40-request burst.
 */
export const MAX_WAITING = 256;

type Gate = { busy: boolean; waiting: (() => void)[] };
const gates = processState("scan.queue", () => new Map<string, Gate>());

/** The node a client talks to: its address (one Redis thread), whatever the database. */
function nodeOf(client: Redis): string {
  const o = client.options;
  return o.path ? `unix:${o.path}` : `${o.host ?? "localhost"}:${o.port ?? 6379}`;
}

/**
 * Runs `step` once no other scan step holds the node. `wait: "bounded"` (requests) refuses with
 * 429 and retry-after when MAX_WAITING steps already wait; "always" (background jobs, at most a
 * few of them) waits its turn whatever the queue's length.
 */
export async function queuedStep<T>(
  client: Redis,
  step: () => Promise<T>,
  wait: "bounded" | "always" = "bounded",
): Promise<T> {
  const node = nodeOf(client);
  let gate = gates.get(node);
  if (!gate) {
    gate = { busy: false, waiting: [] };
    gates.set(node, gate);
  }
  if (gate.busy) {
    if (wait === "bounded" && gate.waiting.length >= MAX_WAITING)
      throw new ApiError(
        "TOO_MANY_REQUESTS",
        `${MAX_WAITING} scans are already waiting for this Redis server; try again in a second.`,
        { retryAfterSeconds: 1 },
      );
    const g = gate;
    await new Promise<void>((resolve) => g.waiting.push(resolve));
  } else gate.busy = true;
  try {
    return await step();
  } finally {
    // Hand the node to the next step in line (busy stays true), or free it.
    const next = gate.waiting.shift();
    if (next) next();
    else {
      gate.busy = false;
      gates.delete(node);
    }
  }
}
