import "server-only";
import type { Redis } from "ioredis";
import { displayBytes, utf8OrNull } from "@/lib/bytes";
import { ApiError } from "@/lib/errors";
import { CLIENTS_MAX_ROWS, type ClientRow } from "@/lib/schemas/diagnostics";
import { adminCommand } from "./admin-command";
import { nodeStatuses, onEveryNode, oneNode } from "./node-fanout";
import { targetFor } from "./target";

// CLIENT LIST as rows, and CLIENT KILL ID. CLIENT LIST is one line per client of `k=v` fields
// separated by spaces; fields come and go with versions (lib-name 7.2, io-thread 8.0…), so it is
// parsed generically and only the fields the page shows are kept.

/** Keyscope names its connections "keyscope" (shared) and "keyscope-<tool>" (dedicated). */
const OWN_NAME = /^keyscope/;

/** A field's bytes as text: UTF-8 as it is, anything else escaped (\xNN), never mangled. */
function fieldText(bytes: Buffer): string {
  return utf8OrNull(bytes) ?? displayBytes(bytes);
}

/** One CLIENT LIST line as its fields (values are never empty of "=": `name=` is ""). */
export function parseClientLine(line: Buffer): Map<string, string> {
  const fields = new Map<string, string>();
  let start = 0;
  while (start < line.length) {
    let end = line.indexOf(0x20, start);
    if (end === -1) end = line.length;
    const eq = line.indexOf(0x3d, start);
    if (eq !== -1 && eq < end)
      fields.set(line.toString("latin1", start, eq), fieldText(line.subarray(eq + 1, end)));
    start = end + 1;
  }
  return fields;
}

function num(fields: Map<string, string>, name: string): number | null {
  const v = fields.get(name);
  if (v === undefined || v === "") return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function toRow(fields: Map<string, string>, ownId: number): ClientRow {
  const id = num(fields, "id") ?? 0;
  const name = fields.get("name") ?? "";
  return {
    id,
    addr: fields.get("addr") ?? "",
    name,
    ageSeconds: num(fields, "age") ?? 0,
    idleSeconds: num(fields, "idle") ?? 0,
    db: num(fields, "db") ?? 0,
    cmd: fields.get("cmd") ?? "",
    flags: fields.get("flags") ?? "",
    user: fields.get("user") ?? null,
    memoryBytes: num(fields, "tot-mem"),
    self: OWN_NAME.test(name) || id === ownId,
  };
}

/** Splits CLIENT LIST's reply into lines without decoding it (names may hold odd bytes). */
function lines(reply: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  while (start < reply.length) {
    let end = reply.indexOf(0x0a, start);
    if (end === -1) end = reply.length;
    const stop = end > start && reply[end - 1] === 0x0d ? end - 1 : end;
    if (stop > start) out.push(reply.subarray(start, stop));
    start = end + 1;
  }
  return out;
}

type NodeList = { ownId: number; lines: Buffer[] };

async function listOne(node: Redis): Promise<NodeList> {
  // CLIENT ID on the very connection that lists: marks it even if its name were changed.
  const [ownId, reply] = await adminCommand("CLIENT LIST", () =>
    Promise.all([
      node.call("CLIENT", "ID") as Promise<number>,
      node.callBuffer("CLIENT", "LIST") as Promise<Buffer>,
    ]),
  );
  return { ownId: Number(ownId), lines: lines(reply) };
}

/**
 * CLIENT LIST of the one server, or of every cluster node with each row's `node` (ids are per
 * node: a kill needs the node as well as the id).
 */
export async function listClients(connId: string): Promise<{
  clients: ClientRow[];
  total: number;
  truncated: boolean;
  nodes?: ReturnType<typeof nodeStatuses>;
}> {
  const outcomes = await onEveryNode(connId, (n) => listOne(n.client));
  const nodes = nodeStatuses(outcomes);
  // 5,000 rows is ~1.5 MB of JSON and a table the browser still sorts in a few ms; a server with
  // 10k clients is better narrowed down than shipped whole (a cluster's 5,000 over all nodes).
  const clients: ClientRow[] = [];
  let total = 0;
  for (const o of outcomes) {
    if (!o.ok) continue;
    total += o.value.lines.length;
    for (const l of o.value.lines) {
      if (clients.length >= CLIENTS_MAX_ROWS) break;
      const row = toRow(parseClientLine(l), o.value.ownId);
      clients.push(nodes ? { ...row, node: o.addr } : row);
    }
  }
  return { clients, total, truncated: total > clients.length, ...(nodes && { nodes }) };
}

/** CLIENT KILL ID on the node that holds the client; 404 when no client has that id there. */
export async function killClient(
  connId: string,
  id: string,
  node?: string,
): Promise<{ killed: true }> {
  const target = await oneNode(targetFor(connId, 0), node, "CLIENT KILL");
  const killed = await adminCommand("CLIENT KILL", () =>
    target.client.call("CLIENT", "KILL", "ID", id),
  );
  if (Number(killed) === 0)
    throw new ApiError("NOT_FOUND", `No client with id ${id} (it may have disconnected already).`);
  return { killed: true };
}
