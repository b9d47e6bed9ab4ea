import { z } from "zod";
import { intParam, keyFromQuery, keyQueryShape, matchFromQuery } from "./bytes";
import { decodeParam, decodeRequest } from "./decode";
import { checkedMatch } from "./match";
import { hashValue } from "./types/hash";
import { jsonValue } from "./types/json";
import { listValue } from "./types/list";
import { setValue } from "./types/set";
import { streamGroups, streamValue } from "./types/stream";
import { stringValue } from "./types/string";
import { zsetValue } from "./types/zset";

// Each type's schemas live in ./types/<type>.ts; this file is the value query and the union.
export {
  hashValue,
  jsonValue,
  listValue,
  setValue,
  streamGroups,
  streamValue,
  stringValue,
  zsetValue,
};

// GET …/key/value: one page of a value, by type. The query is a superset; each type reads the
// parameters that apply to it (docs/api.md lists which).

export const STRING_WINDOW_DEFAULT = 64 * 1024;
export const PAGE_DEFAULT = 100;
// The same ceiling as a key page's count (lib/schemas/keys.ts): HSCAN/SSCAN/ZRANGE/LRANGE/XRANGE
// of 5,000 small items is one reply of a few hundred kB, as a 5,000-key page is.
export const PAGE_MAX = 5000;
// A page is bounded by bytes too (lib/redis/value-budget.ts): a value over PREVIEW_BYTES is sent
// as its first PREVIEW_BYTES (the whole one is GET …/key/value/item), and a page ends once what
// it holds passes PAGE_BUDGET_BYTES. 4 KiB shows a few screens of text in a row; 1 MiB keeps a
// page's JSON parse in the browser well under a frame budget's worth of jank per page.
export const PREVIEW_BYTES = 4 * 1024;
export const PAGE_BUDGET_BYTES = 1024 * 1024;

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
    decode: decodeParam,
  })
  .transform((q, ctx) => ({
    key: keyFromQuery(q, ctx),
    offset: q.offset ?? 0,
    limit: q.limit ?? STRING_WINDOW_DEFAULT,
    cursor: q.cursor ?? "0",
    count: q.count ?? PAGE_DEFAULT,
    match: checkedMatch(matchFromQuery(q), ctx),
    // Sorted sets default to ascending scores, streams to newest first.
    order: q.order,
    min: q.min,
    max: q.max,
    start: q.start,
    end: q.end,
    decode: decodeRequest(q.decode),
  }));
export type ValueQuery = z.infer<typeof valueQuery>;

export const otherValue = z.object({
  type: z.string(),
  unsupported: z.literal(true),
  memoryBytes: z.number().nullable(),
});

/** Every value shape, one per type in lib/redis-types.ts, then any other (module) type. */
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
export type StreamGroupsJson = z.input<typeof streamGroups>;
