import "server-only";
import { type FileHandle, open, stat } from "node:fs/promises";
import type { JsonBytes } from "@/lib/bytes";
import { type AuditEntry, bounded } from "./entry";
import { auditFiles } from "./log";

// Reading the audit log for the audit page: newest first, from the current file back through
// the rotated ones, a bounded amount per request (READ_BUDGET_BYTES, READ_BUDGET_MS). Where a
// request stops, it answers a cursor, `next`, and the next request goes on from there with
// `before=<next>`: a search reaches every entry the files hold, page by page, and a flood of
// new entries can no longer hide an old one behind "the last 8 MiB".
//
// A cursor is "<inode>.<offset>": the file (by inode, which a rotation's rename keeps, so the
// cursor survives audit.log becoming audit.log.1) and the byte offset where the next page ends.

/** Bytes one request reads at most (a page of 500 entries is ~100 KB; this is ~20,000 of them). */
export const READ_BUDGET_BYTES = 4 * 1024 * 1024;
/** Time one request reads for at most, whatever the budget in bytes. */
const READ_BUDGET_MS = 250;
const CHUNK_BYTES = 256 * 1024;
/** A "line" longer than this has no newline where one belongs (a torn or foreign file): skipped. */
const MAX_LINE_BYTES = 1024 * 1024;

export type AuditPage = {
  entries: AuditEntry[];
  /** True when older entries were not read: ask again with `before: next`. */
  truncated: boolean;
  /** Where the next (older) page starts; null when the oldest kept entry has been read. */
  next: string | null;
  /** Bytes of log this request read. */
  searchedBytes: number;
};

export type AuditFilter = { limit: number; q?: string; conn?: string; before?: string };

type Line = { line: Buffer; start: number };

/** The lines of [0, end) of a file, last first, each with the offset where it starts. */
async function* backward(file: FileHandle, end: number, read: { bytes: number }) {
  let pos = end;
  let carry = Buffer.alloc(0);
  while (pos > 0) {
    const from = Math.max(0, pos - CHUNK_BYTES);
    const chunk = Buffer.allocUnsafe(pos - from);
    const { bytesRead } = await file.read(chunk, 0, chunk.length, from);
    read.bytes += bytesRead;
    const data = carry.length ? Buffer.concat([chunk.subarray(0, bytesRead), carry]) : chunk;
    let lineEnd = data.length;
    for (let i = lineEnd - 1; i >= 0; i--) {
      i = data.lastIndexOf(0x0a, i);
      if (i < 0) break;
      if (lineEnd > i + 1)
        yield { line: data.subarray(i + 1, lineEnd), start: from + i + 1 } as Line;
      lineEnd = i;
    }
    carry = data.subarray(0, lineEnd);
    if (carry.length > MAX_LINE_BYTES) carry = Buffer.alloc(0);
    pos = from;
  }
  if (carry.length) yield { line: carry, start: 0 } as Line;
}

type FileInfo = { path: string; ino: bigint; size: number };

async function existingFiles(): Promise<FileInfo[]> {
  const found = await Promise.all(
    auditFiles().map(async (path) => {
      try {
        const s = await stat(path, { bigint: true });
        return s.isFile() ? { path, ino: s.ino, size: Number(s.size) } : null;
      } catch {
        return null;
      }
    }),
  );
  return found.filter((f): f is FileInfo => f !== null);
}

/** Longer lines come from before entries were bounded (0.1): their keys are cut on the way out. */
const BOUNDED_LINE_BYTES = 8 * 1024;

/** An unbounded entry's keys cut as a new entry's would be (keys are in their JSON form here). */
function boundOld(entry: AuditEntry): AuditEntry {
  if (!entry.keys) return entry;
  const cut = [...(entry.cut ?? [])];
  const keys = entry.keys.map((k, i) => {
    const bytes = typeof k === "string" ? Buffer.from(k, "utf8") : Buffer.from(k.b64, "base64");
    return bounded(bytes, `keys.${i}`, cut) as JsonBytes;
  });
  return { ...entry, keys, ...(cut.length && { cut }) };
}

function matches(line: Buffer, needle: string | undefined, conn: string | undefined) {
  if (needle && !line.toString("utf8").toLowerCase().includes(needle)) return null;
  try {
    const entry = JSON.parse(line.toString("utf8")) as AuditEntry;
    if (conn && entry.conn !== conn) return null;
    return line.length > BOUNDED_LINE_BYTES ? boundOld(entry) : entry;
  } catch {
    return null; // a torn line from a crash: skip it
  }
}

/** One page of the log, newest first, from `before` (or the newest entry) back. */
export async function readAudit(filter: AuditFilter): Promise<AuditPage> {
  const files = (await existingFiles()).filter((f) => f.size > 0);
  let index = 0;
  let end = files[0]?.size ?? 0;
  if (filter.before) {
    const [ino, offset] = filter.before.split(".");
    index = files.findIndex((f) => f.ino === BigInt(ino as string));
    // The file has rotated out of what is kept: nothing older remains.
    if (index < 0) return { entries: [], truncated: false, next: null, searchedBytes: 0 };
    end = Math.min(Number(offset), files[index]?.size ?? 0);
  }
  const needle = filter.q?.toLowerCase();
  const entries: AuditEntry[] = [];
  const read = { bytes: 0 };
  const started = Date.now();
  const spent = () => read.bytes >= READ_BUDGET_BYTES || Date.now() - started >= READ_BUDGET_MS;
  for (; index < files.length; index++, end = files[index]?.size ?? 0) {
    const info = files[index] as FileInfo;
    const file = await open(info.path, "r");
    try {
      for await (const { line, start } of backward(file, end, read)) {
        const entry = matches(line, needle, filter.conn);
        if (entry) entries.push(entry);
        if (start > 0 && (entries.length >= filter.limit || spent()))
          return page(entries, `${info.ino}.${start}`, read.bytes);
      }
    } finally {
      await file.close();
    }
    // This file is read to its start; the next older one follows, unless the page is full.
    const older = files[index + 1];
    if (older && (entries.length >= filter.limit || spent()))
      return page(entries, `${older.ino}.${older.size}`, read.bytes);
  }
  return page(entries, null, read.bytes);
}

function page(entries: AuditEntry[], next: string | null, searchedBytes: number): AuditPage {
  return { entries, truncated: next !== null, next, searchedBytes };
}
