import { z } from "zod";
import {
  base64ToBytes,
  bytesToJson,
  isValidBase64,
  jsonToBytes,
  toBuffer,
  utf8Bytes,
} from "@/lib/bytes";

// Byte strings at the API's edge (docs/api.md, "Byte strings"): one codec, used both ways.
// Decoding (requests) turns the JSON form into the Buffer lib/redis takes; encoding (responses)
// turns lib/redis's Buffers into the JSON form, through the same schema that documents it.

/** The JSON form: a UTF-8 string, or {"b64": standard base64} for bytes that are not UTF-8. */
export const jsonBytesWire = z.union([
  z.string(),
  z.strictObject({
    b64: z.string().refine((s) => isValidBase64(s, false), "b64 must be standard base64"),
  }),
]);

/**
 * JSON bytes <-> Buffer. The decoded side accepts any Uint8Array (a Buffer is one), because the
 * browser, which has no Buffer, decodes answers to check them (lib/api-client.ts).
 */
export const jsonBytes = z.codec(
  jsonBytesWire,
  z.custom<Buffer>((v) => v instanceof Uint8Array, "expected bytes"),
  { decode: (v) => toBuffer(jsonToBytes(v)), encode: (bytes) => bytesToJson(bytes) },
);

/** A key in a query string: `key` (percent-decoded UTF-8) or `key64` (base64url), exactly one. */
export const keyQueryShape = {
  key: z.string().optional(),
  key64: z
    .string()
    .refine((s) => isValidBase64(s, true), "key64 must be base64url without padding")
    .optional(),
};

export function keyFromQuery(q: { key?: string; key64?: string }, ctx: z.RefinementCtx): Buffer {
  if ((q.key === undefined) === (q.key64 === undefined)) {
    ctx.addIssue({ code: "custom", message: "give exactly one of key or key64", path: ["key"] });
    return z.NEVER;
  }
  return toBuffer(q.key !== undefined ? utf8Bytes(q.key) : base64ToBytes(q.key64 as string));
}

/** A whole number in a query string, within bounds. */
export function intParam(min: number, max: number) {
  return z
    .string()
    .regex(/^-?\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

/** A glob from `match` (UTF-8 text) or `match64` (base64url bytes); undefined for none. */
export function matchFromQuery(q: { match?: string; match64?: string }): Buffer | undefined {
  if (q.match64 !== undefined) return toBuffer(base64ToBytes(q.match64));
  return q.match ? toBuffer(utf8Bytes(q.match)) : undefined;
}
