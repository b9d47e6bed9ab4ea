import "server-only";
import { Command, type Redis } from "ioredis";
import { config } from "@/lib/config";
import { processState } from "@/lib/process-state";
import type { Reply } from "@/lib/schemas/cli";
import { dedicatedClient } from "./client";
import { type ReadLimits, readReply } from "./resp-reader";
import { targetFor } from "./target";

// The console's own connection, one per (connection, db), named keyscope-console: what a user
// types never runs on the clients the pages share. Its commands run one at a time; while one
// runs, the bytes its socket receives are captured (a tap beside ioredis's own parser) and read
// by resp-reader.ts, because ioredis hands back simple and bulk strings as the same Buffer and
// the console must show +OK apart from "OK". ioredis still owns the socket: connecting, AUTH,
// TLS, SELECT, the command timeout and the error of a refused command.
// After a timeout the connection is dropped (its late reply would be read as the next one's);
// a dropped or broken connection is replaced by a new one on the next command.
// On a cluster there is one console connection per node the console has used (at most one per
// node: bounded by the cluster's size), keyed by the node's host:port; a replica's connection
// sends READONLY first so that reads of its keys answer instead of redirecting.

type Console = {
  client: Redis;
  /** The chunks received for the running command, and how many bytes are kept. */
  capture: { chunks: Buffer[]; bytes: number; max: number } | null;
  /** The end of the queue: each command starts once the previous one is answered. */
  tail: Promise<unknown>;
  /** Timed out or lost: replaced on the next command (ioredis's status changes only later). */
  broken: boolean;
};

const consoles = processState("consoles", () => new Map<string, Promise<Console>>());

export const CONSOLE_NAME = "keyscope-console";

/** A node of a cluster: where a console command goes, and whether it is a replica. */
export type ConsoleNode = { addr: string; replica: boolean };

async function openClient(connId: string, db: number, node?: ConsoleNode): Promise<Redis> {
  if (node) {
    const client = await dedicatedClient(connId, 0, CONSOLE_NAME, false, node.addr);
    if (node.replica)
      await client.call("READONLY").catch((e) => {
        client.disconnect();
        throw e;
      });
    return client;
  }
  const [first] = await targetFor(connId, db).dedicated(CONSOLE_NAME);
  if (!first) throw new Error(`connection "${connId}" has no nodes`);
  return first.client;
}

async function open(connId: string, db: number, node?: ConsoleNode): Promise<Console> {
  const client = await openClient(connId, db, node);
  const entry: Console = {
    client,
    capture: null,
    tail: Promise.resolve(),
    broken: false,
  };
  client.stream.on("data", (chunk: Buffer) => {
    const c = entry.capture;
    if (!c || c.bytes >= c.max) return;
    c.chunks.push(chunk);
    c.bytes += chunk.length;
  });
  return entry;
}

async function consoleFor(connId: string, db: number, node?: ConsoleNode): Promise<Console> {
  const id = `${connId}\u0000${db}\u0000${node?.addr ?? ""}`;
  let found = consoles.get(id);
  if (found) {
    const entry = await found.catch(() => null);
    if (entry && !entry.broken && entry.client.status === "ready") return entry;
    if (consoles.get(id) === found) consoles.delete(id);
    entry?.client.disconnect();
  }
  found = open(connId, db, node);
  consoles.set(id, found);
  found.catch(() => consoles.delete(id));
  return found;
}

export type ConsoleAnswer = { reply: Reply; truncated: boolean; durationMs: number };

/**
 * Runs one command on the console connection of (connId, db), or of one cluster node, and reads
 * its typed reply.
 */
export async function runConsoleCommand(
  connId: string,
  db: number,
  args: Buffer[],
  limits: ReadLimits,
  node?: ConsoleNode,
): Promise<ConsoleAnswer> {
  const entry = await consoleFor(connId, db, node);
  const run = entry.tail.then(() => runOne(entry, args, limits));
  entry.tail = run.catch(() => {});
  return run;
}

async function runOne(entry: Console, args: Buffer[], limits: ReadLimits): Promise<ConsoleAnswer> {
  const [name, ...rest] = args as [Buffer, ...Buffer[]];
  // Enough of the wire for the reply's cut: every element's framing (~30 bytes for a long
  // string's "$<length>\r\n…\r\n") beyond the string bytes themselves.
  const max = limits.limitBytes + limits.limit * 32 + 64 * 1024;
  entry.capture = { chunks: [], bytes: 0, max };
  const started = performance.now();
  const command = new Command(name.toString("latin1"), rest, { replyEncoding: null });
  try {
    try {
      await entry.client.sendCommand(command);
    } catch (e) {
      // A Redis error reply is an answer (read below from the wire); anything else is not.
      if ((e as Error).name !== "ReplyError") {
        entry.broken = true;
        entry.client.disconnect();
        throw e;
      }
    }
    const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
    const wire = Buffer.concat(entry.capture.chunks);
    return { ...readReply(wire, limits), durationMs };
  } finally {
    entry.capture = null;
  }
}

/**
 * Closes every console connection (tests). An edited or deleted connection needs nothing here:
 * its clients are closed with it (closeConnectionClients), and consoleFor replaces an entry whose
 * client is no longer ready.
 */
export async function closeConsoles(): Promise<void> {
  const all = [...consoles.values()];
  consoles.clear();
  for (const found of all) (await found.catch(() => null))?.client.disconnect();
}

export function consoleTimeoutMs(): number {
  return config().commandTimeoutMs;
}
