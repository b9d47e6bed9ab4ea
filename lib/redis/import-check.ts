import "server-only";
import { createHash } from "node:crypto";
import { ApiError } from "@/lib/errors";
import type { TransferFormat, TransferType } from "@/lib/schemas/transfer";
import { readLines } from "./import-lines";
import {
  type Header,
  lineError,
  MAX_CSV_LINE,
  MAX_JSONL_LINE,
  parseCsvLine,
  parseJsonLine,
  parseValue,
} from "./import-parse";

// The whole file is checked before a single key is written (issue 14: a corrupt or truncated
// file imports nothing): every line parses with the format's schemas, the header comes first
// and the footer last, the footer's counts and sha256 match, and the lines of a key are
// contiguous (its parts follow it, numbered 1, 2, …, and no key appears twice).

export type Checked = {
  format: TransferFormat;
  /** Keys in the file (the footer's count for jsonl, the lines of a CSV). */
  keys: number;
  header: Header | null;
};

/**
 * Keys seen, as 64 bits of their sha256 in an open-addressed table: ~16 bytes a key, where a
 * Set of 1M key strings cost ~80 MB. Two keys sharing 64 bits (odds ~1 in 10^7 for 1M keys)
 * would be reported as a duplicate, never let a duplicate through.
 */
class KeySeen {
  private table = new Uint32Array(2 * 1024);
  private count = 0;
  /** False when the key was there already. */
  add(key: Buffer): boolean {
    const h = createHash("sha256").update(key).digest();
    // 0/0 marks an empty slot; the odd 0-hash is nudged.
    const a = h.readUInt32LE(0) || 1;
    const b = h.readUInt32LE(4);
    if ((this.count + 1) * 2 > this.table.length / 2) this.grow();
    if (!this.put(this.table, a, b)) return false;
    this.count++;
    return true;
  }
  private put(t: Uint32Array, a: number, b: number): boolean {
    const slots = t.length / 2;
    for (let i = ((a ^ b) >>> 0) % slots; ; i = (i + 1) % slots) {
      if (t[2 * i] === 0) {
        t[2 * i] = a;
        t[2 * i + 1] = b;
        return true;
      }
      if (t[2 * i] === a && t[2 * i + 1] === b) return false;
    }
  }
  private grow() {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2)
      if (old[i] !== 0) this.put(this.table, old[i] as number, old[i + 1] as number);
  }
}

/** The format a file is in when the query does not say: `{` first is jsonl. */
export function detectFormat(firstByte: number | undefined): TransferFormat {
  return firstByte === 0x7b ? "jsonl" : "dump-csv";
}

export async function checkFile(path: string, format: TransferFormat): Promise<Checked> {
  return format === "jsonl" ? checkJsonl(path) : checkCsv(path);
}

type Current = { key: Buffer; type: TransferType; part: number; tail: boolean };

async function checkJsonl(path: string): Promise<Checked> {
  const hash = createHash("sha256");
  const seen = new KeySeen();
  let header: Header | null = null;
  let ended = false;
  let keys = 0;
  let keyLines = 0;
  let current: Current | null = null;
  let lastNo = 0;
  for await (const { no, bytes, ended: newline } of readLines(path, MAX_JSONL_LINE)) {
    lastNo = no;
    if (ended) throw lineError(no, "after the footer");
    const parsed = parseJsonLine(bytes, no);
    if (!newline && parsed.kind !== "footer")
      throw lineError(no, "cut off (no newline): the file is truncated");
    if (no === 1 && parsed.kind !== "header")
      throw lineError(no, "not the header line the file starts with");
    switch (parsed.kind) {
      case "header":
        if (no !== 1) throw lineError(no, "a second header");
        header = parsed.line;
        break;
      case "footer": {
        // The checksum covers every byte before this line.
        const sum = hash.copy().digest("hex");
        const f = parsed.line;
        if (f.sha256 !== sum)
          throw lineError(no, "the file's sha256 differs from its footer's: the file is corrupt");
        if (f.keys !== keys || f.lines !== keyLines)
          throw lineError(
            no,
            `the footer counts ${f.keys} keys in ${f.lines} lines, the file has ${keys} in ${keyLines}`,
          );
        ended = true;
        break;
      }
      case "key": {
        const { key, type, value } = parsed.line;
        parseValue(type, value, no);
        if (!seen.add(key))
          throw lineError(no, "a key that came before (a key's lines are contiguous)");
        current = { key, type, part: 0, tail: hasTail(type, value) };
        keys++;
        keyLines++;
        break;
      }
      case "part": {
        const { key, part, value } = parsed.line;
        if (!current?.key.equals(key))
          throw lineError(no, "a part of a key that is not the one before it");
        if (part !== current.part + 1)
          throw lineError(no, `part ${part} where part ${current.part + 1} was due`);
        if (current.tail)
          throw lineError(no, "a part after the stream's last line (lastId, groups)");
        parseValue(current.type, value, no);
        current.part = part;
        current.tail = hasTail(current.type, value);
        keyLines++;
        break;
      }
    }
    hash.update(bytes);
    if (newline) hash.update("\n");
  }
  if (lastNo === 0) throw new ApiError("BAD_REQUEST", "The file is empty; nothing was imported.");
  if (!ended) throw lineError(lastNo, "the last line is not the footer: the file is truncated");
  return { format: "jsonl", keys, header };
}

/** A stream's last line carries lastId and groups. */
function hasTail(type: TransferType, value: unknown): boolean {
  if (type !== "stream" || typeof value !== "object" || value === null) return false;
  return "lastId" in value || "groups" in value;
}

async function checkCsv(path: string): Promise<Checked> {
  let keys = 0;
  const seen = new KeySeen();
  for await (const { no, bytes } of readLines(path, MAX_CSV_LINE)) {
    const { key } = parseCsvLine(bytes, no);
    if (!seen.add(key)) throw lineError(no, "a key that came before");
    keys++;
  }
  if (keys === 0) throw new ApiError("BAD_REQUEST", "The file is empty; nothing was imported.");
  return { format: "dump-csv", keys, header: null };
}
