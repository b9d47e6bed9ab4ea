import { z } from "zod";
import { bytes, createShape, decodedOrNull } from "./shared";

export const stringValue = z.object({
  type: z.literal("string"),
  value: bytes,
  offset: z.number(),
  length: z.number(),
  truncated: z.boolean(),
  /** With `decode=`: the decoding of the whole value (read whole up to 8 MiB). */
  decoded: decodedOrNull,
  /**
   * Present when the value is a HyperLogLog: the estimated cardinality Redis cached in its header,
   * or null when that cache is stale (the `pfcount` edit counts it, writing the cache).
   */
  hyperloglog: z.object({ count: z.number().nullable() }).optional(),
});

export const stringEdits = [
  z.strictObject({ op: z.literal("set"), value: bytes, expect: bytes.optional() }),
  // Counts a HyperLogLog with PFCOUNT, which writes its cached count (hence an edit).
  z.strictObject({ op: z.literal("pfcount") }),
] as const;

export const stringCreate = z.strictObject({
  type: z.literal("string"),
  ...createShape,
  value: bytes,
});
