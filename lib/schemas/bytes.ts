import { z } from "zod";
import { base64ToBytes, isValidBase64, type JsonBytes } from "@/lib/bytes";

// Byte strings in JSON: a UTF-8 string, or {"b64": standard base64}. Parsed to raw bytes.
export const jsonBytesSchema = z
  .union([
    z.string(),
    z.strictObject({
      b64: z.string().refine((s) => isValidBase64(s, false), "b64 must be standard base64"),
    }),
  ])
  .transform((v: JsonBytes) =>
    typeof v === "string" ? new TextEncoder().encode(v) : base64ToBytes(v.b64),
  );

/** The output form: what `bytesToJson` produces. */
export const jsonBytesOut = z.union([z.string(), z.object({ b64: z.string() })]);

/** A key in a query string: `key` (percent-decoded UTF-8) or `key64` (base64url), exactly one. */
export const keyQueryShape = {
  key: z.string().optional(),
  key64: z
    .string()
    .refine((s) => isValidBase64(s, true), "key64 must be base64url without padding")
    .optional(),
};

export function keyFromQuery(
  q: { key?: string; key64?: string },
  ctx: z.RefinementCtx,
): Uint8Array {
  if ((q.key === undefined) === (q.key64 === undefined)) {
    ctx.addIssue({ code: "custom", message: "give exactly one of key or key64", path: ["key"] });
    return z.NEVER;
  }
  return q.key !== undefined ? new TextEncoder().encode(q.key) : base64ToBytes(q.key64 as string);
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
export function matchFromQuery(q: { match?: string; match64?: string }): Uint8Array | undefined {
  if (q.match64 !== undefined) return base64ToBytes(q.match64);
  return q.match ? new TextEncoder().encode(q.match) : undefined;
}
