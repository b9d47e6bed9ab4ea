import { displayJsonBytes, type JsonBytes, jsonToBytes, utf8Bytes } from "@/lib/bytes";
import type { ReportJson } from "@/lib/schemas/analysis";

// The report's namespaces are a flat list (prefix, depth); the treemap and its drill-down need
// the children of one prefix. Prefixes are compared as bytes (each byte one char of a "binary"
// string), so a non-UTF-8 prefix nests exactly like any other.

export type NamespaceRow = ReportJson["namespaces"][number];

function binary(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

export function prefixKey(prefix: JsonBytes): string {
  return binary(jsonToBytes(prefix));
}

/** The delimiters as binary strings (a delimiter may be a multi-byte UTF-8 character). */
export function delimiterKeys(delimiter: string): string[] {
  return Array.from(delimiter, (d) => binary(utf8Bytes(d)));
}

/** Rows one level below `parent` (null: the top level), biggest first. */
export function childrenOf(
  rows: readonly NamespaceRow[],
  parent: NamespaceRow | null,
  delimiters: readonly string[],
): NamespaceRow[] {
  const depth = parent ? parent.depth + 1 : 1;
  const base = parent ? prefixKey(parent.prefix) : null;
  return rows
    .filter((r) => {
      if (r.depth !== depth) return false;
      if (base === null) return true;
      const k = prefixKey(r.prefix);
      return delimiters.some((d) => k.startsWith(base + d));
    })
    .sort((a, b) => b.memoryBytes - a.memoryBytes);
}

/** The last segment of a prefix, for a treemap tile ("b:x" under "b" → "x"). */
export function segmentLabel(row: NamespaceRow, parent: NamespaceRow | null): string {
  const text = displayJsonBytes(row.prefix);
  if (row.depth === 1 && text === "") return "(no namespace)";
  if (!parent) return text;
  const cut = displayJsonBytes(parent.prefix).length + 1;
  return text.length > cut ? text.slice(cut) : text;
}

export function prefixLabel(row: NamespaceRow): string {
  const text = displayJsonBytes(row.prefix);
  return row.depth === 1 && text === "" ? "(no namespace)" : text;
}
