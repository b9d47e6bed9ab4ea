import { bytesToBase64, utf8OrNull } from "@/lib/bytes";
import type { Report } from "@/lib/schemas/analysis";

// The report's namespaces as CSV (GET …/analysis/{id}?format=csv), RFC 4180: one row per
// namespace under a header row, CRLF line ends, a field quoted when it holds a comma, a quote,
// CR or LF (quotes doubled). A prefix is its text when it is UTF-8, else `b64:<base64>`; a UTF-8
// prefix that itself starts with "b64:" is written as b64 too, so the column reads one way only.
// No formula escaping (a leading `=` is kept): the file is data, and altering prefixes would
// break it for programs; open it in a spreadsheet as text if prefixes are untrusted.

export const CSV_HEADER = [
  "prefix",
  "depth",
  "keys",
  "memory_bytes",
  "no_ttl_keys",
  "share",
] as const;

export function reportCsv(report: Report): string {
  const lines = [CSV_HEADER.join(",")];
  for (const r of report.namespaces) {
    lines.push(
      [csvPrefix(r.prefix), r.depth, r.keys, r.memoryBytes, r.noTtlKeys, r.share]
        .map((f) => csvField(String(f)))
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

export function csvPrefix(prefix: Uint8Array): string {
  const text = utf8OrNull(prefix);
  return text === null || text.startsWith("b64:") ? `b64:${bytesToBase64(prefix)}` : text;
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
