import "server-only";
import type { Redis } from "ioredis";
import { ApiError } from "@/lib/errors";
import { targetFor } from "../target";
import { readTyped } from "../typed-read";
import { addCost, nameCost, previewAll, readBudgeted, valueCost } from "../value-budget";
import type { TypeModule } from "./module";

type RawEntry = [Buffer, Buffer[]];

type Entry = { id: string; fields: [Buffer, Buffer][] };

export type StreamPage = {
  entries: (Entry & { previews?: { index: number; length: number }[] })[];
  length: number;
  next: string | null;
};

const entryCost = (e: Entry) =>
  addCost(
    nameCost(Buffer.from(e.id)),
    ...e.fields.flatMap(([n, v]) => [nameCost(n), valueCost(v)]),
  );

/**
 * A window of entries by ID: newest first (XREVRANGE from `start`, default "+") unless
 * order=asc (XRANGE from `start`, default "-"). `next` is where the following page starts.
 * Field values over PREVIEW_BYTES are previewed (`previews` per entry), and a page that passes
 * the byte budget ends early with `next` after its last entry.
 */
export async function readStream(
  connId: string,
  db: number,
  key: Buffer,
  req: { start?: string; end?: string; count: number; order: "asc" | "desc" },
): Promise<StreamPage> {
  const client = await targetFor(connId, db).forKey(key);
  const desc = req.order === "desc";
  let from = req.start ?? (desc ? "+" : "-");
  const to = req.end ?? (desc ? "-" : "+");
  let length = 0;
  const page = await readBudgeted(req.count, entryCost, async (ask) => {
    const [len, raw] = await readTyped(client, key, "stream", [
      ["XLEN", key],
      [desc ? "XREVRANGE" : "XRANGE", key, from, to, "COUNT", ask],
    ]);
    length = Number(len);
    const items = (raw as RawEntry[]).map(([id, flat]): Entry => {
      const fields: [Buffer, Buffer][] = [];
      for (let i = 0; i + 1 < flat.length; i += 2)
        fields.push([flat[i] as Buffer, flat[i + 1] as Buffer]);
      return { id: id.toString(), fields };
    });
    // "(" makes the bound exclusive (Redis 6.2+), so the next chunk starts after the last entry.
    const last = items.at(-1);
    if (last) from = `(${last.id}`;
    return { items, more: items.length === ask };
  });
  const entries = page.items.map((e) => {
    const { values, previews } = previewAll(e.fields.map(([, v]) => v));
    const fields = e.fields.map(([n], i): [Buffer, Buffer] => [n, values[i] as Buffer]);
    return previews ? { id: e.id, fields, previews } : { id: e.id, fields };
  });
  const last = entries.at(-1);
  const next = page.more && last ? `(${last.id}` : null;
  return { entries, length, next };
}

/** RESP2 XINFO replies are flat [name, value, …] arrays. */
function record(flat: unknown[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (let i = 0; i + 1 < flat.length; i += 2) out.set(String(flat[i]), flat[i + 1]);
  return out;
}

const MAX_GROUPS = 50;
const PENDING_SHOWN = 100;

async function groupDetail(client: Redis, key: Buffer, g: Map<string, unknown>) {
  const name = g.get("name") as Buffer;
  const [consumers, pending] = await Promise.all([
    client.callBuffer("XINFO", "CONSUMERS", key, name) as Promise<unknown[][]>,
    client.callBuffer("XPENDING", key, name, "-", "+", PENDING_SHOWN) as Promise<
      [Buffer, Buffer, number, number][]
    >,
  ]);
  const lag = g.get("lag");
  return {
    name,
    consumers: consumers.map((c) => {
      const r = record(c);
      return {
        name: r.get("name") as Buffer,
        pending: Number(r.get("pending")),
        idleMs: Number(r.get("idle")),
      };
    }),
    pending: Number(g.get("pending")),
    lastDeliveredId: String(g.get("last-delivered-id")),
    // Redis 7.0+ reports lag; null when it cannot know (or on older servers).
    lag: lag === undefined || lag === null ? null : Number(lag),
    pendingEntries: pending.map(([id, consumer, idle, deliveries]) => ({
      id: id.toString(),
      consumer,
      idleMs: Number(idle),
      deliveries: Number(deliveries),
    })),
  };
}

/** Consumer groups with their consumers, lag and oldest pending entries. */
export async function streamGroups(connId: string, db: number, key: Buffer) {
  const client = await targetFor(connId, db).forKey(key);
  const [groups] = await readTyped(client, key, "stream", [["XINFO", "GROUPS", key]]);
  const list = (groups as unknown[][]).slice(0, MAX_GROUPS).map(record);
  return { groups: await Promise.all(list.map((g) => groupDetail(client, key, g))) };
}

type StreamOp = "xadd" | "xdel" | "xgroup-create" | "xgroup-destroy" | "xack";

export const streamType: TypeModule<"stream", StreamOp> = {
  // Streams default to newest first.
  read: async ({ connId, db, key }, q) => ({
    type: "stream",
    ...(await readStream(connId, db, key, { ...q, order: q.order ?? "desc" })),
  }),
  edits: {
    xadd: (key, e) => ({ check: null, writes: [["XADD", key, e.id ?? "*", ...e.fields.flat()]] }),
    xdel: (key, e) => ({ check: null, writes: [["XDEL", key, ...e.ids]] }),
    "xgroup-create": (key, e) => ({
      check: null,
      writes: [["XGROUP", "CREATE", key, e.group, e.id]],
    }),
    "xgroup-destroy": (key, e) => ({
      check: null,
      writes: [["XGROUP", "DESTROY", key, e.group]],
      onReply: (reply) => {
        if (reply === 0) throw new ApiError("NOT_FOUND", "No consumer group with that name.");
      },
    }),
    xack: (key, e) => ({ check: null, writes: [["XACK", key, e.group, ...e.ids]] }),
  },
  create: (key, c) => ["XADD", key, "*", ...c.fields.flat()],
};
