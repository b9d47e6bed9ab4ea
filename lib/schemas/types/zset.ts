import { z } from "zod";
import { bytes, createShape, decodedOrNull, exact, nonEmpty } from "./shared";

/** A score: a JSON number (exact: Redis sends 17 significant digits), or "inf"/"-inf". */
export const scoreOut = z.union([z.number(), z.enum(["inf", "-inf"])]);

/** A score as ZADD takes it, from a finite number or "inf"/"-inf"/"+inf". */
const score = z
  .union([
    z.number().refine(Number.isFinite, 'score must be finite, or "inf"/"-inf"'),
    z.enum(["inf", "-inf", "+inf"]),
  ])
  .transform((s) => (typeof s === "number" ? String(s) : s === "inf" ? "+inf" : s));

export const zsetValue = z.object({
  type: z.literal("zset"),
  /** Rank of the first member (by rank windows), or null when paging with `match` (ZSCAN). */
  offset: z.number().nullable(),
  /** ZSCAN cursor when `match` is given ("0" when done); absent for rank windows. */
  cursor: z.string().optional(),
  members: z.array(z.object({ member: bytes, score: scoreOut, decoded: decodedOrNull })),
  length: z.number(),
  exact,
});

export const zsetEdits = [
  z.strictObject({
    op: z.literal("zadd"),
    member: bytes,
    score,
    expect: score.nullable().optional(),
  }),
  z.strictObject({
    op: z.literal("zincrby"),
    member: bytes,
    by: z.number().refine(Number.isFinite, "by must be finite"),
  }),
  z.strictObject({ op: z.literal("zrem"), members: nonEmpty(bytes) }),
] as const;

export const zsetCreate = z.strictObject({
  type: z.literal("zset"),
  ...createShape,
  members: nonEmpty(z.tuple([bytes, score])),
});
