import { z } from "zod";
import { base64ToBytes, toBuffer, utf8Bytes } from "@/lib/bytes";
import { intParam, keyFromQuery, keyQueryShape } from "../bytes";
import { decodeParam, decodeRequest } from "../decode";
import { bytes, decodedOrNull } from "./shared";

// GET …/key/value/item: one value of a collection in full (or a window of it), for what a page
// showed as a preview: a hash field by name, a list item by index, a stream field by entry ID
// and position. Bounded like a string window: `limit` bytes from `offset`.

export const ITEM_LIMIT_DEFAULT = 1024 * 1024;
// 16 MiB of bytes is ~22 MB of JSON at worst (base64): the most one answer should carry.
export const ITEM_LIMIT_MAX = 16 * 1024 * 1024;

const streamId = z.string().regex(/^\d{1,20}-\d{1,20}$/, "must be a stream entry ID");

export const itemQuery = z
  .strictObject({
    ...keyQueryShape,
    field: z.string().optional(),
    field64: keyQueryShape.key64,
    index: intParam(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER).optional(),
    id: streamId.optional(),
    /** The field's position in the stream entry (names may repeat in an entry). */
    n: intParam(0, 100_000).optional(),
    offset: intParam(0, Number.MAX_SAFE_INTEGER).optional(),
    limit: intParam(1, ITEM_LIMIT_MAX).optional(),
    decode: decodeParam,
  })
  .transform((q, ctx) => {
    const key = keyFromQuery(q, ctx);
    const field =
      q.field64 !== undefined
        ? toBuffer(base64ToBytes(q.field64))
        : q.field !== undefined
          ? toBuffer(utf8Bytes(q.field))
          : undefined;
    const given = [field !== undefined, q.index !== undefined, q.id !== undefined];
    if (given.filter(Boolean).length !== 1 || (q.field !== undefined && q.field64 !== undefined)) {
      ctx.addIssue({
        code: "custom",
        message: "give exactly one of field/field64 (hash), index (list) or id with n (stream)",
        path: ["field"],
      });
      return z.NEVER;
    }
    const window = {
      offset: q.offset ?? 0,
      limit: q.limit ?? ITEM_LIMIT_DEFAULT,
      decode: decodeRequest(q.decode),
    };
    if (field !== undefined) return { key, kind: "hash" as const, field, ...window };
    if (q.index !== undefined) return { key, kind: "list" as const, index: q.index, ...window };
    return { key, kind: "stream" as const, id: q.id as string, n: q.n ?? 0, ...window };
  });
export type ItemQuery = z.infer<typeof itemQuery>;

export const itemValue = z.object({
  type: z.enum(["hash", "list", "stream"]),
  value: bytes,
  offset: z.number(),
  /** The whole value's length in bytes. */
  length: z.number(),
  truncated: z.boolean(),
  /** With `decode=` on a whole value (offset 0, not truncated): its decoding. */
  decoded: decodedOrNull,
});
