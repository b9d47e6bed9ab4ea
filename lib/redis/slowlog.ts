import "server-only";
import type { Redis } from "ioredis";
import { ApiError } from "@/lib/errors";
import type { SlowlogResult } from "@/lib/schemas/diagnostics";
import { adminCommand, configNumber } from "./admin-command";
import { nodeStatuses, onEveryNode, oneNode } from "./node-fanout";
import { targetFor } from "./target";

// The slowlog (SLOWLOG GET/LEN/RESET), read with Buffer replies so arguments keep their exact
// bytes. Redis already bounds an entry: 32 arguments at most (the last one then says
// "... (N more arguments)") and 128 bytes per argument (cut ones end "... (N more bytes)").
// On a cluster each node keeps its own slowlog: every node is read (or the one asked for), the
// entries are tagged with their node and merged newest first, cut to `count`.

type Entry = Omit<SlowlogResult["entries"][number], "args"> & { args: Buffer[] };
type Result = Omit<SlowlogResult, "entries"> & { entries: Entry[] };

const text = (b: unknown) => (Buffer.isBuffer(b) ? b.toString("latin1") : String(b ?? ""));

/** One SLOWLOG GET entry: [id, time, duration, args, client (4.0+), client name (4.0+)]. */
function toEntry(raw: unknown): Entry {
  const [id, time, duration, args, client, name] = raw as unknown[];
  return {
    id: Number(id),
    time: Number(time),
    durationUs: Number(duration),
    args: (Array.isArray(args) ? args : []).map((a) =>
      Buffer.isBuffer(a) ? a : Buffer.from(String(a)),
    ),
    // Addresses and names are printable ASCII (CLIENT SETNAME refuses anything else).
    client: text(client),
    clientName: text(name),
  };
}

async function readEntries(node: Redis, count: number) {
  const [raw, length] = await adminCommand("SLOWLOG", () =>
    Promise.all([
      node.callBuffer("SLOWLOG", "GET", String(count)) as Promise<unknown[]>,
      node.call("SLOWLOG", "LEN") as Promise<number>,
    ]),
  );
  return { entries: raw.map(toEntry), length: Number(length) };
}

async function readSettings(node: Redis) {
  const [slowerThanUs, maxLen] = await Promise.all([
    configNumber(node, "slowlog-log-slower-than"),
    configNumber(node, "slowlog-max-len"),
  ]);
  return { slowerThanUs, maxLen };
}

async function readOne(node: Redis, count: number): Promise<Omit<Result, "nodes">> {
  const [read, settings] = await Promise.all([readEntries(node, count), readSettings(node)]);
  return { ...read, ...settings };
}

export async function readSlowlog(connId: string, count: number, node?: string): Promise<Result> {
  const target = targetFor(connId, 0);
  if (node) {
    const one = await target.nodeAt(node);
    const read = await readOne(one.client, count);
    if (target.kind !== "cluster") return read;
    const entries = read.entries.map((e) => ({ ...e, node: one.addr }));
    return { ...read, entries, nodes: [{ node, role: one.role ?? "master" }] };
  }
  const outcomes = await onEveryNode(connId, async (n) => ({
    client: n.client,
    ...(await readEntries(n.client, count)),
  }));
  const nodes = nodeStatuses(outcomes);
  const answered = outcomes.flatMap((o) => (o.ok ? [{ addr: o.addr, ...o.value }] : []));
  const first = answered[0];
  // The settings are the first node's: a cluster is normally configured alike, so they are
  // read once, not on every node.
  const settings = first ? await readSettings(first.client) : { slowerThanUs: null, maxLen: null };
  if (!nodes) return { entries: first?.entries ?? [], length: first?.length ?? 0, ...settings };
  const entries = answered
    .flatMap((r) => r.entries.map((e) => ({ ...e, node: r.addr })))
    .sort((a, b) => b.time - a.time || b.durationUs - a.durationUs)
    .slice(0, count);
  return {
    entries,
    length: answered.reduce((sum, r) => sum + r.length, 0),
    ...settings,
    nodes,
  };
}

/** SLOWLOG RESET on the one server, on `node`, or on every node of a cluster. */
export async function resetSlowlog(connId: string, node?: string): Promise<{ reset: true }> {
  const target = targetFor(connId, 0);
  if (node || target.kind !== "cluster") {
    const one = await oneNode(target, node, "SLOWLOG RESET");
    await adminCommand("SLOWLOG RESET", () => one.client.call("SLOWLOG", "RESET"));
    return { reset: true };
  }
  const outcomes = await onEveryNode(connId, (n) =>
    adminCommand("SLOWLOG RESET", () => n.client.call("SLOWLOG", "RESET")),
  );
  const failed = outcomes.filter((o) => !o.ok);
  if (failed.length > 0)
    throw new ApiError(
      "REDIS_UNAVAILABLE",
      `SLOWLOG RESET failed on ${failed.map((o) => `${o.addr} (${o.ok ? "" : o.error})`).join(", ")}`,
    );
  return { reset: true };
}
