import { z } from "zod";
import { bytes, createShape } from "./shared";

export const stringValue = z.object({
  type: z.literal("string"),
  value: bytes,
  offset: z.number(),
  length: z.number(),
  truncated: z.boolean(),
  /** Present when the value is a HyperLogLog: its estimated cardinality (PFCOUNT). */
  hyperloglog: z.object({ count: z.number() }).optional(),
});

export const stringEdits = [
  z.strictObject({ op: z.literal("set"), value: bytes, expect: bytes.optional() }),
] as const;

export const stringCreate = z.strictObject({
  type: z.literal("string"),
  ...createShape,
  value: bytes,
});
