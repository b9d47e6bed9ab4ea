import { createHash } from "node:crypto";
import { bytesToJson } from "@/lib/bytes";

// A small writer of export files, from the format spec (docs/transfer.md), for the import
// tests: they need files the exporter would never write (corrupt, truncated, odd), so the
// tests do not depend on the exporter to make them.

export const jb = (b: Buffer | string) => bytesToJson(typeof b === "string" ? Buffer.from(b) : b);

export type WKey = {
  key: Buffer | string;
  type: "string" | "hash" | "list" | "set" | "zset" | "stream";
  pttl?: number;
  /** Each line's value in its JSON form: the key's line, then its parts. */
  values: unknown[];
};

export function headerLine(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    format: "keyscope-export",
    version: 1,
    createdAt: Date.now(),
    source: { connection: "test", db: 0, redis: "7.0.15", match: "*" },
    ...extra,
  });
}

/** The lines of a key: its first line, then its parts. */
export function keyLines(k: WKey): string[] {
  const key = jb(k.key);
  return k.values.map((value, i) =>
    JSON.stringify(
      i === 0 ? { key, type: k.type, pttl: k.pttl ?? -1, value } : { key, part: i, value },
    ),
  );
}

/** A whole file: header, the keys, the footer with its counts and sha256. */
export function jsonlFile(keys: WKey[], opts: { lines?: string[] } = {}): Buffer {
  const lines = opts.lines ?? keys.flatMap(keyLines);
  const body = `${headerLine()}\n${lines.map((l) => `${l}\n`).join("")}`;
  const sha256 = createHash("sha256").update(body).digest("hex");
  const footer = JSON.stringify({ end: true, keys: keys.length, lines: lines.length, sha256 });
  return Buffer.from(`${body}${footer}\n`);
}

/** A DUMP CSV: `<hex key>,<hex payload>,<pttl>` a line. */
export function csvFile(rows: { key: Buffer; payload: Buffer; pttl: number }[]): Buffer {
  return Buffer.from(
    rows.map((r) => `${r.key.toString("hex")},${r.payload.toString("hex")},${r.pttl}\n`).join(""),
  );
}
