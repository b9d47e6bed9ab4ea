import "server-only";
import { type Redis, ReplyError } from "ioredis";
import { bytesToJson, type JsonBytes } from "@/lib/bytes";
import {
  MAX_ITEMS_PER_LINE,
  MAX_LINE_VALUE_BYTES,
  MAX_PENDING_PER_GROUP,
} from "@/lib/schemas/transfer";
import { type KeyLines, orChanged, type StreamPage } from "./export-read";

// A stream's lines: its entries in XRANGE pages of 100, packed into lines like the other
// collections, and on the last line the stream's last id and its consumer groups (XINFO
// GROUPS, XINFO CONSUMERS, and the pending entries by XPENDING pages of 1,000, at most
// MAX_PENDING_PER_GROUP a group). The last line is known only once the entries are read, so
// one packed line is held back until then.

const XRANGE_PAGE = 100;
const XPENDING_PAGE = 1000;

type Entry = [string, [JsonBytes, JsonBytes][]];
type Group = {
  name: JsonBytes;
  lastDeliveredId: string;
  consumers: JsonBytes[];
  pending: [string, JsonBytes, number][];
};

/** The id just after `id` (XRANGE's exclusive "(" needs Redis 6.2; this works on any). */
function after(id: string): string {
  const [ms = "0", seq = "0"] = id.split("-");
  const next = BigInt(seq) + 1n;
  return next > 0xffffffffffffffffn ? `${BigInt(ms) + 1n}-0` : `${ms}-${next}`;
}

/** A flat [name, value, name, value…] reply as a map from name (text) to value. */
function fields(flat: unknown[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (let i = 0; i + 1 < flat.length; i += 2) out.set(String(flat[i]), flat[i + 1]);
  return out;
}

/** `read`'s answer, or null when the key went away or changed type ("no such key", WRONGTYPE). */
async function orGone<T>(read: Promise<unknown>): Promise<T | null> {
  try {
    return (await read) as T;
  } catch (e) {
    if (e instanceof ReplyError && /^(WRONGTYPE|ERR no such key)/.test((e as Error).message))
      return null;
    throw e;
  }
}

/** Writes a stream's lines from its first XRANGE page on; resolves to the pending entries dropped. */
export async function readStreamTail(
  node: Redis,
  key: Buffer,
  first: StreamPage,
  lines: KeyLines,
): Promise<number> {
  let held: Entry[] | null = null;
  let current: Entry[] = [];
  let size = 0;
  let page = first;
  for (;;) {
    for (const [id, flat] of page) {
      const pairs: [JsonBytes, JsonBytes][] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const f = flat[i] as Buffer;
        const v = flat[i + 1] as Buffer;
        size += f.length + v.length;
        pairs.push([bytesToJson(f), bytesToJson(v)]);
      }
      current.push([id.toString(), pairs]);
      if (current.length >= MAX_ITEMS_PER_LINE || size >= MAX_LINE_VALUE_BYTES) {
        if (held) await lines.emit({ entries: held });
        held = current;
        current = [];
        size = 0;
      }
    }
    const last = page.at(-1);
    if (page.length < XRANGE_PAGE || !last) break;
    const next = await orChanged<StreamPage>(
      node.callBuffer("XRANGE", key, after(last[0].toString()), "+", "COUNT", XRANGE_PAGE),
    );
    if (next === null) break;
    page = next;
  }
  let lastEntries: Entry[] = current;
  if (current.length === 0) lastEntries = held ?? [];
  else if (held) await lines.emit({ entries: held });

  // A stream deleted (or replaced) meanwhile: its entries as read, no groups.
  const info = await orGone<unknown[]>(node.callBuffer("XINFO", "STREAM", key));
  const lastRead = lastEntries.at(-1)?.[0] ?? "0-0";
  const lastId = info ? String(fields(info).get("last-generated-id") ?? lastRead) : lastRead;
  const { groups, dropped } = info ? await readGroups(node, key) : { groups: [], dropped: 0 };
  await lines.emit({ entries: lastEntries, lastId, groups });
  return dropped;
}

async function readGroups(node: Redis, key: Buffer): Promise<{ groups: Group[]; dropped: number }> {
  const replies = (await node.callBuffer("XINFO", "GROUPS", key)) as unknown[][];
  const groups: Group[] = [];
  let dropped = 0;
  for (const reply of replies) {
    const g = fields(reply);
    const name = g.get("name") as Buffer;
    const total = Number(g.get("pending") ?? 0);
    const consumers = ((await node.callBuffer("XINFO", "CONSUMERS", key, name)) as unknown[][]).map(
      (c) => bytesToJson(fields(c).get("name") as Buffer),
    );
    const pending: Group["pending"] = [];
    let start = "-";
    while (pending.length < MAX_PENDING_PER_GROUP) {
      const want = Math.min(XPENDING_PAGE, MAX_PENDING_PER_GROUP - pending.length);
      const rows = (await node.callBuffer("XPENDING", key, name, start, "+", want)) as [
        Buffer,
        Buffer,
        number,
        number,
      ][];
      for (const [id, consumer, , deliveries] of rows)
        pending.push([id.toString(), bytesToJson(consumer), Number(deliveries)]);
      const last = rows.at(-1);
      if (rows.length < want || !last) break;
      start = after(last[0].toString());
    }
    dropped += Math.max(0, total - pending.length);
    groups.push({
      name: bytesToJson(name),
      lastDeliveredId: String(g.get("last-delivered-id") ?? "0-0"),
      consumers,
      pending,
    });
  }
  return { groups, dropped };
}
