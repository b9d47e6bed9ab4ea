import "server-only";
import type { z } from "zod";
import { nestingDepth } from "@/lib/api/body";
import { utf8OrNull } from "@/lib/bytes";
import { ApiError } from "@/lib/errors";
import {
  footerLine,
  headerLine,
  keyLine,
  partLine,
  type TransferType,
  valueByType,
} from "@/lib/schemas/transfer";

// One line of an import file, parsed with the format's schemas (lib/schemas/transfer-lines.ts):
// the checker (import-check.ts) runs every line through here before anything is written, and
// the job (import.ts) again as it writes, so both read a line the same way.

/** A jsonl line is at most a few levels deep (a stream's groups: 5); more is not the format. */
const MAX_DEPTH = 8;
/**
 * Longest line taken. The export splits values past 1 MiB (1,000 items), so a line is ~1.4 MiB
 * as base64 and at most ~6 MiB when every byte is a \uXXXX escape; 16 MiB leaves room for one
 * bigger hash field or list item without letting a hostile line cost JSON.parse much.
 */
export const MAX_JSONL_LINE = 16 * 1024 * 1024;
/** A DUMP CSV line is the payload in hex: 64 MiB is a 32 MiB DUMP. */
export const MAX_CSV_LINE = 64 * 1024 * 1024;

export function lineError(no: number, message: string): ApiError {
  return new ApiError("BAD_REQUEST", `line ${no}: ${message}; nothing was imported.`);
}

function issue(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return "not the format";
  const where = first.path.length ? `${first.path.join(".")}: ` : "";
  return `${where}${first.message}`;
}

function parse<S extends z.ZodType>(schema: S, value: unknown, no: number): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw lineError(no, issue(r.error));
  return r.data;
}

export type Header = z.output<typeof headerLine>;
export type Footer = z.output<typeof footerLine>;
export type KeyLine = Omit<z.output<typeof keyLine>, "value"> & { value: unknown };
export type PartLine = Omit<z.output<typeof partLine>, "value"> & { value: unknown };

export type Parsed =
  | { kind: "header"; line: Header }
  | { kind: "footer"; line: Footer }
  | { kind: "key"; line: KeyLine }
  | { kind: "part"; line: PartLine };

/** A line's JSON (strict UTF-8, bounded depth), told apart by its fields. */
export function parseJsonLine(bytes: Buffer, no: number): Parsed {
  const text = utf8OrNull(bytes);
  if (text === null) throw lineError(no, "not UTF-8 text");
  if (nestingDepth(bytes, MAX_DEPTH) > MAX_DEPTH) throw lineError(no, "nests too deep");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw lineError(no, "not valid JSON");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json))
    throw lineError(no, "not a JSON object");
  if ("format" in json) return { kind: "header", line: parse(headerLine, json, no) };
  if ("end" in json) return { kind: "footer", line: parse(footerLine, json, no) };
  if ("part" in json) return { kind: "part", line: parse(partLine, json, no) };
  return { kind: "key", line: parse(keyLine, json, no) };
}

/** The value of a key's line or part, by the key's type. */
export function parseValue<T extends TransferType>(
  type: T,
  value: unknown,
  no: number,
): z.output<(typeof valueByType)[T]> {
  const r = valueByType[type].safeParse(value);
  if (!r.success) throw lineError(no, `value: ${issue(r.error)}`);
  return r.data as z.output<(typeof valueByType)[T]>;
}

export type CsvLine = { key: Buffer; payload: Buffer; pttl: number };

const CSV = /^([0-9a-fA-F]*),([0-9a-fA-F]+),(-1|\d{1,15})\r?$/;

/** `<hex key>,<hex DUMP payload>,<PTTL ms, -1 for none>` (Another Redis Desktop Manager, Tiny RDM). */
export function parseCsvLine(bytes: Buffer, no: number): CsvLine {
  // latin1 maps each byte to one character, so nothing is lost before the check.
  const m = CSV.exec(bytes.toString("latin1"));
  if (!m) throw lineError(no, "not <hex key>,<hex DUMP payload>,<PTTL ms>");
  const [, key = "", payload = "", pttl = "-1"] = m;
  if (key.length % 2 || payload.length % 2) throw lineError(no, "hex of an odd length");
  return { key: Buffer.from(key, "hex"), payload: Buffer.from(payload, "hex"), pttl: Number(pttl) };
}
