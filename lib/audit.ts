import "server-only";
import { open, stat } from "node:fs/promises";
import { bytesToJson, type JsonBytes } from "@/lib/bytes";
import { config } from "@/lib/config";
import { appendPrivate } from "@/lib/data-dir";

// The audit log: one JSON line per write (allowed or refused), appended by the route wrapper,
// so no write can skip it. It records who, where and which keys, never values.

export type AuditEntry = {
  time: string;
  client: string;
  conn: string | null;
  db: number | null;
  action: string;
  keys?: JsonBytes[];
  detail?: Record<string, unknown>;
  result: { status: number; code?: string };
};

/** KEYSCOPE_AUDIT_LOG, or audit.log in the data directory. */
export function auditPath(): string {
  return config().auditLog;
}

// Body fields that name what was touched (never a value): copied into `detail`. `name` is the
// setting a CONFIG PUT changes; its new value is left out, like every value (the old and new
// values are in Redis's own CONFIG GET and in the response).
const DETAIL_FIELDS = [
  "op",
  "action",
  "type",
  "match",
  "ttl",
  "overwrite",
  "dryRun",
  "field",
  "group",
  "end",
  "index",
  "confirm",
  "name",
];

function json(v: unknown): unknown {
  return v instanceof Uint8Array ? bytesToJson(v) : v;
}

/** Keys and details of a write, from its parsed query and body. */
export function describeWrite(query: unknown, body: unknown): Pick<AuditEntry, "keys" | "detail"> {
  const keys: JsonBytes[] = [];
  const detail: Record<string, unknown> = {};
  const q = (query ?? {}) as Record<string, unknown>;
  const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  for (const source of [q, b]) {
    for (const name of ["key", "newKey"]) {
      if (source[name] instanceof Uint8Array) keys.push(bytesToJson(source[name] as Uint8Array));
    }
  }
  for (const name of DETAIL_FIELDS) if (b[name] !== undefined) detail[name] = json(b[name]);
  return { ...(keys.length && { keys }), ...(Object.keys(detail).length && { detail }) };
}

export async function appendAudit(entry: AuditEntry): Promise<void> {
  const path = auditPath();
  try {
    await appendPrivate(path, `${JSON.stringify(entry)}\n`);
  } catch (e) {
    // An unwritable log must not take the dashboard down; say so where operators look.
    console.error(`[keyscope] cannot write the audit log ${path}: ${(e as Error).message}`);
  }
}

// The audit page reads at most the last 8 MiB of the log: newest first, never the whole file.
const TAIL_BYTES = 8 * 1024 * 1024;

export async function readAudit(filter: {
  limit: number;
  q?: string;
  conn?: string;
}): Promise<{ entries: AuditEntry[]; truncated: boolean }> {
  const path = auditPath();
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    return { entries: [], truncated: false };
  }
  const start = Math.max(0, size - TAIL_BYTES);
  const file = await open(path, "r");
  try {
    const buffer = Buffer.alloc(size - start);
    await file.read(buffer, 0, buffer.length, start);
    const lines = buffer.toString("utf8").split("\n");
    if (start > 0) lines.shift(); // a partial first line
    const entries: AuditEntry[] = [];
    const needle = filter.q?.toLowerCase();
    for (let i = lines.length - 1; i >= 0 && entries.length < filter.limit; i--) {
      const line = lines[i];
      if (!line) continue;
      if (needle && !line.toLowerCase().includes(needle)) continue;
      try {
        const entry = JSON.parse(line) as AuditEntry;
        if (filter.conn && entry.conn !== filter.conn) continue;
        entries.push(entry);
      } catch {
        // a torn line from a crash: skip it
      }
    }
    return { entries, truncated: start > 0 };
  } finally {
    await file.close();
  }
}
