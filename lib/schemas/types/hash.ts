import { z } from "zod";
import { bytes, createShape, decodedOrNull, exact, nonEmpty, ttl } from "./shared";

export const hashValue = z.object({
  type: z.literal("hash"),
  cursor: z.string(),
  entries: z.array(
    z.object({
      field: bytes,
      value: bytes,
      ttl: z.number().optional(),
      /** The value is a preview (its first PREVIEW_BYTES) of `valueLength` bytes. */
      truncated: z.literal(true).optional(),
      valueLength: z.number().optional(),
      decoded: decodedOrNull,
    }),
  ),
  length: z.number(),
  exact,
  /** Whether the server has hash-field expiration (HTTL, Redis 7.4+). */
  fieldTtl: z.boolean(),
});

export const hashEdits = [
  z.strictObject({
    op: z.literal("hset"),
    field: bytes,
    value: bytes,
    expect: bytes.nullable().optional(),
  }),
  z.strictObject({ op: z.literal("hdel"), field: bytes, expect: bytes.optional() }),
  z.strictObject({ op: z.literal("hexpire"), field: bytes, ttl: ttl.nullable() }),
] as const;

export const hashCreate = z.strictObject({
  type: z.literal("hash"),
  ...createShape,
  entries: nonEmpty(z.tuple([bytes, bytes])),
});
