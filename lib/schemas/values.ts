import { z } from "zod";
import { intParam, jsonBytes, keyFromQuery, keyQueryShape, matchFromQuery } from "./bytes";

// GET …/key/value: one page of a value, by type. The query is a superset; each type reads the
// parameters that apply to it (docs/api.md lists which).

export const STRING_WINDOW_DEFAULT = 64 * 1024;
export const PAGE_DEFAULT = 100;
export const PAGE_MAX = 1000;

/** A score bound as ZRANGE BYSCORE takes it: a number, "-inf"/"+inf", "(" for exclusive. */
const scoreBound = z
  .string()
  .regex(
    /^\(?(-?inf|\+inf|-?\d+(\.\d+)?([eE][-+]?\d+)?)$/,
    "must be a score bound such as 10, (10, -inf or +inf",
  );
/** A stream ID as XRANGE takes it: "-", "+", ms, ms-seq, "(" for exclusive. */
const streamBound = z
  .string()
  .regex(/^(-|\+|\(?\d{1,20}(-\d{1,20})?)$/, "must be a stream ID such as 1700000000000-0, - or +");

export const valueQuery = z
  .strictObject({
    ...keyQueryShape,
    offset: intParam(0, Number.MAX_SAFE_INTEGER).optional(),
    limit: intParam(1, 1024 * 1024).optional(),
    cursor: z
      .string()
      .regex(/^\d{1,20}$/, "cursor must be one this server gave out")
      .optional(),
    count: intParam(1, PAGE_MAX).optional(),
    match: z.string().max(4096).optional(),
    match64: keyQueryShape.key64,
    order: z.enum(["asc", "desc"]).optional(),
    min: scoreBound.optional(),
    max: scoreBound.optional(),
    start: streamBound.optional(),
    end: streamBound.optional(),
  })
  .transform((q, ctx) => ({
    key: keyFromQuery(q, ctx),
    offset: q.offset ?? 0,
    limit: q.limit ?? STRING_WINDOW_DEFAULT,
    cursor: q.cursor ?? "0",
    count: q.count ?? PAGE_DEFAULT,
    match: matchFromQuery(q),
    // Sorted sets default to ascending scores, streams to newest first.
    order: q.order,
    min: q.min,
    max: q.max,
    start: q.start,
    end: q.end,
  }));
export type ValueQuery = z.infer<typeof valueQuery>;

export const stringValue = z.object({
  type: z.literal("string"),
  value: jsonBytes,
  offset: z.number(),
  length: z.number(),
  truncated: z.boolean(),
  /** Present when the value is a HyperLogLog: its estimated cardinality (PFCOUNT). */
  hyperloglog: z.object({ count: z.number() }).optional(),
});

export const hashValue = z.object({
  type: z.literal("hash"),
  cursor: z.string(),
  entries: z.array(z.object({ field: jsonBytes, value: jsonBytes, ttl: z.number().optional() })),
  length: z.number(),
  /** Whether the server has hash-field expiration (HTTL, Redis 7.4+). */
  fieldTtl: z.boolean(),
});

export const listValue = z.object({
  type: z.literal("list"),
  offset: z.number(),
  items: z.array(jsonBytes),
  length: z.number(),
});

export const setValue = z.object({
  type: z.literal("set"),
  cursor: z.string(),
  members: z.array(jsonBytes),
  length: z.number(),
});

/** A score: a JSON number (exact: Redis sends 17 significant digits), or "inf"/"-inf". */
export const scoreOut = z.union([z.number(), z.enum(["inf", "-inf"])]);

export const zsetValue = z.object({
  type: z.literal("zset"),
  /** Rank of the first member (by rank windows), or null when paging with `match` (ZSCAN). */
  offset: z.number().nullable(),
  /** ZSCAN cursor when `match` is given ("0" when done); absent for rank windows. */
  cursor: z.string().optional(),
  members: z.array(z.object({ member: jsonBytes, score: scoreOut })),
  length: z.number(),
});

export const streamEntry = z.object({
  id: z.string(),
  fields: z.array(z.tuple([jsonBytes, jsonBytes])),
});
export const streamValue = z.object({
  type: z.literal("stream"),
  entries: z.array(streamEntry),
  length: z.number(),
  /** Where the next page starts (exclusive), or null at the end. */
  next: z.string().nullable(),
});

export const jsonValue = z.object({
  type: z.literal("ReJSON-RL"),
  json: z.string().nullable(),
  truncated: z.boolean(),
  memoryBytes: z.number().nullable(),
});

export const otherValue = z.object({
  type: z.string(),
  unsupported: z.literal(true),
  memoryBytes: z.number().nullable(),
});

export const keyValue = z.union([
  stringValue,
  hashValue,
  listValue,
  setValue,
  zsetValue,
  streamValue,
  jsonValue,
  otherValue,
]);

/** A page of a value as lib/redis reads it (bytes as Buffers). */
export type KeyValue = z.output<typeof keyValue>;
/** A page of a stream in its JSON form, as the browser gets it. */
export type StreamValueJson = z.input<typeof streamValue>;

// GET …/key/stream/groups
export const streamGroups = z.object({
  groups: z.array(
    z.object({
      name: jsonBytes,
      consumers: z.array(z.object({ name: jsonBytes, pending: z.number(), idleMs: z.number() })),
      pending: z.number(),
      lastDeliveredId: z.string(),
      lag: z.number().nullable(),
      /** The oldest pending entries (XPENDING … 100). */
      pendingEntries: z.array(
        z.object({
          id: z.string(),
          consumer: jsonBytes,
          idleMs: z.number(),
          deliveries: z.number(),
        }),
      ),
    }),
  ),
});
export type StreamGroupsJson = z.input<typeof streamGroups>;
