import "server-only";
import { type Redis, ReplyError } from "ioredis";
import { bytesToJson, type JsonBytes } from "@/lib/bytes";
import {
  MAX_ITEMS_PER_LINE,
  MAX_LINE_VALUE_BYTES,
  MAX_STRING_PART_BYTES,
  TRANSFER_TYPES,
  type TransferType,
} from "@/lib/schemas/transfer";
import type { ExportFile } from "./export-file";
import { keyMeta } from "./export-meta";
import { readStreamTail } from "./export-stream";

// One batch of keys (what one SCAN step found) written as JSON lines (the format is in
// lib/schemas/transfer.ts). Two round trips cover a batch of small keys: TYPE, PTTL and the
// first STRING_PEEK bytes of every key, then the first page of every collection. What is
// bigger is read on, key by key, in bounded windows: GETRANGE 1 MiB, LRANGE/HSCAN/SSCAN/ZSCAN
// pages sized to ~1 MiB from the previous page (1,000 at most), XRANGE pages of 100 entries.
// An element (a hash value, a list item) is read whole: Redis has no window inside one.

/** Bytes of each string read with the first round trip: a batch of 1,000 holds ≤ 4 MiB of them. */
const STRING_PEEK = 4 * 1024;
const PAGE_TARGET_BYTES = 1024 * 1024;
const MIN_PAGE = 10;

export type BatchCounts = {
  exported: number;
  skipped: number;
  lines: number;
  droppedPending: number;
};
export type ReadOptions = { hashFieldTtl: boolean };

type Reply = [Error | null, unknown];

const isTransferType = (t: string): t is TransferType =>
  (TRANSFER_TYPES as readonly string[]).includes(t);

/** One key's lines: the first carries type and pttl, the next ones are numbered parts. */
class KeyLines {
  part = 0;
  private readonly key: JsonBytes;
  constructor(
    private readonly file: ExportFile,
    private readonly counts: BatchCounts,
    key: Buffer,
    private readonly type: TransferType,
    private readonly pttl: number,
  ) {
    this.key = bytesToJson(key);
  }
  async emit(value: unknown): Promise<void> {
    const line =
      this.part === 0
        ? { key: this.key, type: this.type, pttl: this.pttl, value }
        : { key: this.key, part: this.part, value };
    this.part++;
    this.counts.lines++;
    await this.file.write(`${JSON.stringify(line)}\n`);
  }
}

/** Gathers a collection's items into lines of ≤ 1,000 items and about ≤ 1 MiB. */
class Packer {
  private items: unknown[] = [];
  private size = 0;
  constructor(private readonly lines: KeyLines) {}
  async add(item: unknown, bytes: number): Promise<void> {
    this.items.push(item);
    this.size += bytes;
    if (this.items.length >= MAX_ITEMS_PER_LINE || this.size >= MAX_LINE_VALUE_BYTES)
      await this.flush();
  }
  async flush(): Promise<void> {
    if (this.items.length === 0) return;
    const items = this.items;
    this.items = [];
    this.size = 0;
    await this.lines.emit(items);
  }
  /** At the key's end: what is left, or an empty line when nothing was written (the key emptied). */
  async end(): Promise<void> {
    if (this.items.length > 0 || this.lines.part === 0) {
      const items = this.items;
      this.items = [];
      await this.lines.emit(items);
    }
  }
}

/** The next page's COUNT: ~PAGE_TARGET_BYTES at the average element size seen so far. */
function nextCount(bytes: number, items: number): number {
  if (items === 0) return MAX_ITEMS_PER_LINE;
  const avg = Math.max(1, bytes / items);
  return Math.max(MIN_PAGE, Math.min(MAX_ITEMS_PER_LINE, Math.floor(PAGE_TARGET_BYTES / avg)));
}

function firstPage(p: ReturnType<Redis["pipeline"]>, type: TransferType, key: Buffer): void {
  const n = MAX_ITEMS_PER_LINE;
  if (type === "hash") p.callBuffer("HSCAN", key, "0", "COUNT", n);
  else if (type === "set") p.callBuffer("SSCAN", key, "0", "COUNT", n);
  else if (type === "zset") p.callBuffer("ZSCAN", key, "0", "COUNT", n);
  else if (type === "list") p.callBuffer("LRANGE", key, 0, n - 1);
  else if (type === "stream") p.callBuffer("XRANGE", key, "-", "+", "COUNT", 100);
}

/**
 * A continuation read of a key that changed type since its first page (WRONGTYPE): null, and the
 * key ends with what was read. Any other error (Redis gone, hung) fails the job.
 */
export async function orChanged<T>(read: Promise<unknown>): Promise<T | null> {
  try {
    return (await read) as T;
  } catch (e) {
    if (e instanceof ReplyError && /^WRONGTYPE/.test((e as Error).message)) return null;
    throw e;
  }
}

/** Exports one batch of keys; the lines of each key are contiguous. */
export async function exportBatch(
  node: Redis,
  keys: Buffer[],
  file: ExportFile,
  opts: ReadOptions,
  counts: BatchCounts,
): Promise<void> {
  if (keys.length === 0) return;
  const meta = await keyMeta(node, keys, STRING_PEEK);
  const types: (TransferType | null)[] = [];
  const second = node.pipeline();
  for (let i = 0; i < keys.length; i++) {
    const type = meta.types[i] ?? "none";
    // "none": gone since SCAN; a module type has no form in the format (counted as skipped).
    const known = isTransferType(type) && meta.pttls[i] !== -2 ? type : null;
    types.push(known);
    if (known && known !== "string") firstPage(second, known, keys[i] as Buffer);
  }
  const pages = types.some((t) => t && t !== "string") ? ((await second.exec()) as Reply[]) : [];
  let page = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as Buffer;
    const type = types[i];
    if (!type) {
      counts.skipped++;
      continue;
    }
    const lines = new KeyLines(file, counts, key, type, meta.pttls[i] as number);
    if (type === "string") {
      const peek = meta.peeks[i];
      if (!peek) {
        counts.skipped++; // changed type between the two replies
        continue;
      }
      await writeString(node, key, peek, lines);
    } else {
      const reply = pages[page++];
      if (!reply || reply[0]) {
        counts.skipped++; // gone or changed type since TYPE
        continue;
      }
      await writeCollection(node, key, type, reply[1], lines, opts, counts);
    }
    counts.exported++;
  }
}

async function writeString(node: Redis, key: Buffer, peek: Buffer, lines: KeyLines) {
  if (peek.length < STRING_PEEK) return lines.emit(bytesToJson(peek));
  // Longer than the peek: 1 MiB windows, the first line's included (re-read from 0).
  for (let at = 0; ; at += MAX_STRING_PART_BYTES) {
    const chunk = await orChanged<Buffer>(
      node.callBuffer("GETRANGE", key, at, at + MAX_STRING_PART_BYTES - 1),
    );
    if (chunk === null) return at === 0 ? lines.emit(bytesToJson(peek)) : undefined;
    if (chunk.length > 0 || at === 0) await lines.emit(bytesToJson(chunk));
    if (chunk.length < MAX_STRING_PART_BYTES) return;
  }
}

async function writeCollection(
  node: Redis,
  key: Buffer,
  type: Exclude<TransferType, "string">,
  first: unknown,
  lines: KeyLines,
  opts: ReadOptions,
  counts: BatchCounts,
): Promise<void> {
  if (type === "stream") {
    counts.droppedPending += await readStreamTail(node, key, first as StreamPage, lines);
    return;
  }
  const packer = new Packer(lines);
  let bytes = 0;
  let items = 0;
  if (type === "list") {
    let page = first as Buffer[];
    let asked = MAX_ITEMS_PER_LINE;
    let at = 0;
    for (;;) {
      for (const item of page) {
        bytes += item.length;
        await packer.add(bytesToJson(item), item.length);
      }
      items += page.length;
      at += page.length;
      if (page.length < asked) break; // the list's end
      asked = nextCount(bytes, items);
      const next = await orChanged<Buffer[]>(node.callBuffer("LRANGE", key, at, at + asked - 1));
      if (next === null) break;
      page = next;
    }
    return packer.end();
  }
  let [cursor, flat] = first as [Buffer, Buffer[]];
  for (;;) {
    const pairs = type === "set" ? null : pairsOf(flat);
    const ttls =
      type === "hash" && opts.hashFieldTtl && pairs ? await fieldTtls(node, key, pairs) : null;
    if (pairs) {
      for (let j = 0; j < pairs.length; j++) {
        const [a, b] = pairs[j] as [Buffer, Buffer];
        const size = a.length + b.length;
        bytes += size;
        const second = type === "zset" ? score(b) : bytesToJson(b);
        const ttl = ttls?.[j];
        const entry =
          ttl !== undefined && ttl > 0 ? [bytesToJson(a), second, ttl] : [bytesToJson(a), second];
        await packer.add(entry, size);
      }
      items += pairs.length;
    } else {
      for (const m of flat) {
        bytes += m.length;
        await packer.add(bytesToJson(m), m.length);
      }
      items += flat.length;
    }
    if (cursor.toString() === "0") break;
    const cmd = type === "hash" ? "HSCAN" : type === "set" ? "SSCAN" : "ZSCAN";
    const next = await orChanged<[Buffer, Buffer[]]>(
      node.callBuffer(cmd, key, cursor, "COUNT", nextCount(bytes, items)),
    );
    if (next === null) break;
    [cursor, flat] = next;
  }
  return packer.end();
}

function pairsOf(flat: Buffer[]): [Buffer, Buffer][] {
  const out: [Buffer, Buffer][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i] as Buffer, flat[i + 1] as Buffer]);
  return out;
}

/** A zset score as the format has it: a JSON number, or "inf" / "-inf". */
function score(raw: Buffer): number | "inf" | "-inf" {
  const text = raw.toString("latin1");
  if (text === "inf" || text === "+inf") return "inf";
  if (text === "-inf") return "-inf";
  return Number(text);
}

/** HPTTL of a page's fields (Redis ≥ 7.4): ms, -1 without a TTL, -2 when the field is gone. */
async function fieldTtls(node: Redis, key: Buffer, pairs: [Buffer, Buffer][]): Promise<number[]> {
  if (pairs.length === 0) return [];
  const fields = pairs.map(([f]) => f);
  const reply = await orChanged<unknown[]>(
    node.call("HPTTL", key, "FIELDS", fields.length, ...fields),
  );
  return (reply ?? []).map(Number);
}

export type StreamPage = [Buffer, Buffer[]][];
export type { KeyLines };
