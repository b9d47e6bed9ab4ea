import { z } from "zod";
import { jsonBytes } from "./bytes";
import { MAX_TTL_SECONDS } from "./keys";

// POST …/key/edit: every change to a value's contents, as one operation per request.
// `expect` names what the client saw: if Redis holds something else now, the edit is refused
// with 409 CONFLICT and nothing changes. `expect: null` means "must not exist yet".

const bytes = jsonBytes;
const ttl = z.number().int().min(1).max(MAX_TTL_SECONDS);
const score = z
  .union([
    z.number().refine(Number.isFinite, 'score must be finite, or "inf"/"-inf"'),
    z.enum(["inf", "-inf", "+inf"]),
  ])
  .transform((s) => (typeof s === "number" ? String(s) : s === "inf" ? "+inf" : s));
const streamId = z
  .string()
  .regex(/^\d{1,20}-\d{1,20}$/, "must be a stream entry ID such as 1700000000000-0");
// At most 1000 items per request: the edit runs as one Lua call, whose argument stack is bounded.
const nonEmpty = <T extends z.ZodType>(item: T, max = 1000) => z.array(item).min(1).max(max);

export const editBody = z.discriminatedUnion("op", [
  // string
  z.strictObject({ op: z.literal("set"), value: bytes, expect: bytes.optional() }),
  // hash
  z.strictObject({
    op: z.literal("hset"),
    field: bytes,
    value: bytes,
    expect: bytes.nullable().optional(),
  }),
  z.strictObject({ op: z.literal("hdel"), field: bytes, expect: bytes.optional() }),
  z.strictObject({ op: z.literal("hexpire"), field: bytes, ttl: ttl.nullable() }),
  // list
  z.strictObject({ op: z.literal("push"), end: z.enum(["head", "tail"]), values: nonEmpty(bytes) }),
  z.strictObject({ op: z.literal("lset"), index: z.number().int(), value: bytes, expect: bytes }),
  z.strictObject({ op: z.literal("lrem"), index: z.number().int(), expect: bytes }),
  z.strictObject({ op: z.literal("ltrim"), start: z.number().int(), stop: z.number().int() }),
  // set
  z.strictObject({ op: z.literal("sadd"), members: nonEmpty(bytes) }),
  z.strictObject({ op: z.literal("srem"), members: nonEmpty(bytes) }),
  // sorted set
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
  // stream
  z.strictObject({
    op: z.literal("xadd"),
    fields: nonEmpty(z.tuple([bytes, bytes]), 1000),
    id: z.union([streamId, z.literal("*")]).optional(),
  }),
  z.strictObject({ op: z.literal("xdel"), ids: nonEmpty(streamId, 1000) }),
  z.strictObject({
    op: z.literal("xgroup-create"),
    group: bytes,
    id: z.union([streamId, z.enum(["$", "0"])]).default("$"),
  }),
  z.strictObject({ op: z.literal("xgroup-destroy"), group: bytes }),
  z.strictObject({ op: z.literal("xack"), group: bytes, ids: nonEmpty(streamId, 1000) }),
]);
export type EditBody = z.infer<typeof editBody>;

export const editResult = z.object({
  ok: z.literal(true),
  /** The list's length after push; the new score after zincrby; the new ID after xadd; counts otherwise. */
  result: z.union([z.number(), z.string(), z.null()]),
});

// POST …/keys: create a key of any type; 409 CONFLICT when it exists.
export const createBody = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("string"), key: bytes, value: bytes, ttl: ttl.optional() }),
  z.strictObject({
    type: z.literal("hash"),
    key: bytes,
    entries: nonEmpty(z.tuple([bytes, bytes])),
    ttl: ttl.optional(),
  }),
  z.strictObject({
    type: z.literal("list"),
    key: bytes,
    values: nonEmpty(bytes),
    ttl: ttl.optional(),
  }),
  z.strictObject({
    type: z.literal("set"),
    key: bytes,
    members: nonEmpty(bytes),
    ttl: ttl.optional(),
  }),
  z.strictObject({
    type: z.literal("zset"),
    key: bytes,
    members: nonEmpty(z.tuple([bytes, score])),
    ttl: ttl.optional(),
  }),
  z.strictObject({
    type: z.literal("stream"),
    key: bytes,
    fields: nonEmpty(z.tuple([bytes, bytes]), 1000),
    ttl: ttl.optional(),
  }),
]);
export type CreateBody = z.infer<typeof createBody>;
export const createResult = z.object({ created: z.literal(true) });
