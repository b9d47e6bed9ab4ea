import { z } from "zod";
import { bytes, createShape } from "./shared";

export const stringValue = z.object({
  type: z.literal("string"),
  value: bytes,
  offset: z.number(),
  length: z.number(),
  truncated: z.boolean(),
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
