import "server-only";
import type { Redis } from "ioredis";
import { ApiError } from "@/lib/errors";
import { pickNode } from "./cluster-info";
import { features } from "./server-features";
import { targetFor } from "./target";

// Snapshots, AOF rewrites and flushes. Each asks Redis directly and maps its refusals, instead of
// checking INFO first: a check-then-act would race with a save started by someone else.

function replyMessage(e: unknown): string | null {
  return e instanceof Error && e.name === "ReplyError" ? e.message : null;
}

/** BGSAVE; 409 CONFLICT when a snapshot (or an AOF rewrite, which blocks it) is running. */
export async function startBgsave(connId: string, at?: string): Promise<{ started: true }> {
  // On a cluster: the node picked on the page, else the first master (each node saves its own).
  const { client: node } = await pickNode(connId, at);
  try {
    await node.bgsave();
  } catch (e) {
    const message = replyMessage(e);
    if (message && /already in progress|rewriting in progress|can't BGSAVE/i.test(message))
      throw new ApiError("CONFLICT", `A background save cannot start now: ${message}`);
    throw e;
  }
  return { started: true };
}

/** BGREWRITEAOF; Redis queues it behind a running BGSAVE ("scheduled"). 409 when one runs. */
export async function startBgrewriteaof(
  connId: string,
  at?: string,
): Promise<{ started: true; scheduled: boolean }> {
  const { client: node } = await pickNode(connId, at);
  let reply: string;
  try {
    reply = String(await node.bgrewriteaof());
  } catch (e) {
    const message = replyMessage(e);
    if (message && /already in progress/i.test(message))
      throw new ApiError("CONFLICT", `An AOF rewrite is already running: ${message}`);
    throw e;
  }
  return { started: true, scheduled: /scheduled/i.test(reply) };
}

/** FLUSHDB/FLUSHALL free memory in a background thread with ASYNC (Redis ≥ 4). */
async function supportsAsyncFlush(node: Redis): Promise<boolean> {
  try {
    const [major = 0] = (await features(node)).version.split(".").map(Number);
    return major >= 4;
  } catch {
    return false;
  }
}

/** Empties one database once `confirm` names it: the guard against a click that meant another db. */
export async function flushDatabase(
  connId: string,
  db: number,
  confirm: string,
): Promise<{ flushed: true; async: boolean; masters: number }> {
  if (confirm !== String(db)) {
    throw new ApiError(
      "BAD_REQUEST",
      `confirm must be "${db}", the index of the database to flush; nothing was flushed.`,
    );
  }
  return flushMasters(connId, db, "flushdb");
}

/**
 * One FLUSHDB/FLUSHALL on every master at once (a cluster's keyspace is spread over them; one
 * confirmation covers them all). A master that fails makes the answer an error naming it and
 * saying how many were flushed, since the others' flushes cannot be undone.
 */
async function flushMasters(
  connId: string,
  db: number,
  command: "flushdb" | "flushall",
): Promise<{ flushed: true; async: boolean; masters: number }> {
  const masters = await targetFor(connId, db).masters();
  const settled = await Promise.allSettled(
    masters.map(async ({ client: node }) => {
      const useAsync = await supportsAsyncFlush(node);
      await (useAsync ? node[command]("ASYNC") : node[command]());
      return useAsync;
    }),
  );
  const failed = settled.findIndex((s) => s.status === "rejected");
  if (failed >= 0 && masters.length > 1) {
    const done = settled.filter((s) => s.status === "fulfilled").length;
    const reason = (settled[failed] as PromiseRejectedResult).reason as Error;
    throw new ApiError(
      "REDIS_UNAVAILABLE",
      `${command.toUpperCase()} failed on master ${masters[failed]?.addr ?? failed} (${reason.message}); ${done} of ${masters.length} masters were flushed.`,
    );
  }
  if (failed >= 0) throw (settled[failed] as PromiseRejectedResult).reason;
  const async = settled.every((s) => s.status === "fulfilled" && s.value);
  return { flushed: true, async, masters: masters.length };
}

/** Empties every database once `confirm` is the connection's id. */
export async function flushAll(
  connId: string,
  confirm: string,
): Promise<{ flushed: true; async: boolean; masters: number }> {
  if (confirm !== connId) {
    throw new ApiError(
      "BAD_REQUEST",
      `confirm must be "${connId}", the id of the connection to flush; nothing was flushed.`,
    );
  }
  return flushMasters(connId, 0, "flushall");
}
