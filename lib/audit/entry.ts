import "server-only";
import { bytesToJson, type JsonBytes, utf8OrNull } from "@/lib/bytes";

// What one audit entry holds: who, where, which keys and what the write named, never values.
// An entry is bounded: a 14,000-character key (issue 9's flood) is cut to its first bytes, and
// the entry says which field was cut and how long it was, so the log stays small and honest.

/** A field that was cut: its path in the entry and its full length (bytes, or characters for text). */
export type CutField = { field: string; length: number };

export type AuditEntry = {
  time: string;
  client: string;
  conn: string | null;
  db: number | null;
  action: string;
  keys?: JsonBytes[];
  detail?: Record<string, unknown>;
  result: { status: number; code?: string };
  /** Fields shortened to keep the entry small (see MAX_FIELD_BYTES). */
  cut?: CutField[];
};

/**
 * Bytes kept of a key or another byte string, and characters of text. 512 keeps the part of a
 * key people read (prefixes, ids) while 300 hostile 14,000-byte keys add ~150 KB, not 4.2 MB.
 */
export const MAX_FIELD_BYTES = 512;
/** Characters kept of the action (a path) and the connection id (a 404's is the client's). */
const MAX_NAME_CHARS = 128;

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

/** The first `max` bytes; text stays text (the cut backs off to a character boundary). */
function cutBytes(bytes: Uint8Array, max: number): Uint8Array {
  if (bytes.length <= max) return bytes;
  let end = max;
  if (utf8OrNull(bytes) !== null) while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

/** A value for the entry, cut when long; `cut` collects what was. */
export function bounded(value: unknown, field: string, cut: CutField[]): unknown {
  if (value instanceof Uint8Array) {
    if (value.length > MAX_FIELD_BYTES) cut.push({ field, length: value.length });
    return bytesToJson(cutBytes(value, MAX_FIELD_BYTES));
  }
  if (typeof value === "string" && value.length > MAX_FIELD_BYTES) {
    cut.push({ field, length: value.length });
    return value.slice(0, MAX_FIELD_BYTES);
  }
  // Every detail field is a scalar or a byte string in its body schema; anything else (an
  // object a future schema allows) is summarised rather than copied whole.
  if (value !== null && typeof value === "object") return "[object]";
  return value;
}

function boundedName(value: string, field: string, cut: CutField[]): string {
  if (value.length <= MAX_NAME_CHARS) return value;
  cut.push({ field, length: value.length });
  return value.slice(0, MAX_NAME_CHARS);
}

/** Keys and details of a write, from its parsed query and body, each field bounded. */
export function describeWrite(
  query: unknown,
  body: unknown,
  cut: CutField[] = [],
): Pick<AuditEntry, "keys" | "detail"> {
  const keys: JsonBytes[] = [];
  const detail: Record<string, unknown> = {};
  const q = (query ?? {}) as Record<string, unknown>;
  const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  for (const source of [q, b]) {
    for (const name of ["key", "newKey"]) {
      const key = source[name];
      if (key instanceof Uint8Array)
        keys.push(bounded(key, `keys.${keys.length}`, cut) as JsonBytes);
    }
  }
  for (const name of DETAIL_FIELDS)
    if (b[name] !== undefined) detail[name] = bounded(b[name], `detail.${name}`, cut);
  return { ...(keys.length && { keys }), ...(Object.keys(detail).length && { detail }) };
}

/** An entry with its free-form names bounded and its `cut` list attached when anything was cut. */
export function makeEntry(entry: Omit<AuditEntry, "cut">, cut: CutField[] = []): AuditEntry {
  const out: AuditEntry = {
    ...entry,
    client: boundedName(entry.client, "client", cut),
    conn: entry.conn === null ? null : boundedName(entry.conn, "conn", cut),
    action: boundedName(entry.action, "action", cut),
  };
  return cut.length ? { ...out, cut } : out;
}
