import { infiniteQueryOptions, keepPreviousData, queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { ApiClientError, checkJson, request } from "@/lib/api-client";
import { type JsonBytes, keyId, keyQuery } from "@/lib/bytes";
import { values } from "@/lib/endpoints";
import { qk } from "@/lib/query-keys";
import { jsonValue, otherValue } from "@/lib/schemas/values";

// A key's value, by type (the viewers in components/viewers/<type>/ build on these).
// Every value query lives under qk.keyValue(…), so an edit invalidates all pages of the key at
// once; below it: the type, the paging, and every parameter the request sends.

/** `decode`: the `decode=` the reads send ("1" detects, or a forced chain); none when absent. */
export type ValueTarget = { conn: string; db: number; key: JsonBytes; decode?: string };
/** One value inside a collection, as GET …/key/value/item names it. */
export type ItemAddress = { field: JsonBytes } | { index: number } | { id: string; n: number };

function itemParams(a: ItemAddress): Record<string, string> {
  if ("field" in a) {
    const q = keyQuery(a.field);
    return "key" in q ? { field: q.key } : { field64: q.key64 };
  }
  if ("index" in a) return { index: String(a.index) };
  return { id: a.id, n: String(a.n) };
}
/** GET …/key/value parameters beyond the key; each type reads the ones that apply (docs/api.md). */
export type ValuePage = {
  cursor?: string;
  offset?: number;
  count?: number;
  match?: string;
  order?: "asc" | "desc";
  min?: string;
  max?: string;
  start?: string;
};

const valueKey = (t: ValueTarget) =>
  t.decode
    ? qk.keyValueDecoded(t.conn, t.db, keyId(t.key), t.decode)
    : qk.keyValue(t.conn, t.db, keyId(t.key));
const decodeOf = (t: ValueTarget) => (t.decode ? { decode: t.decode } : {});

/**
 * Fetches a page and checks its type first: a key that changed type since it was opened gets a
 * WRONG_TYPE error the viewer can explain, instead of a schema error nobody can read.
 */
async function fetchValue<S extends z.ZodType>(
  t: ValueTarget,
  type: string,
  schema: S,
  page: ValuePage,
  signal: AbortSignal,
): Promise<z.input<S>> {
  const query = { ...keyQuery(t.key), ...page, ...decodeOf(t) };
  const raw = await request(values.read, { params: { conn: t.conn, db: t.db }, query, signal });
  if (raw.type !== type)
    throw new ApiClientError(409, "WRONG_TYPE", `This key now holds a ${raw.type}, not a ${type}.`);
  return checkJson(schema, raw);
}

/** Cursor-like paging: which parameter carries the position, where it starts, what comes next. */
export type ValuePaging<T> = {
  param: "cursor" | "start";
  first: string;
  next: (last: T) => string | undefined;
};

export const valueQueries = {
  /** One window (LRANGE, a ZRANGE rank window); the previous one stays while the next loads. */
  window: <S extends z.ZodType>(t: ValueTarget, type: string, schema: S, page: ValuePage) =>
    queryOptions({
      queryKey: [...valueKey(t), type, "window", page] as const,
      queryFn: ({ signal }) => fetchValue(t, type, schema, page, signal),
      placeholderData: keepPreviousData,
    }),
  /** Pages that each say where the next starts (HSCAN/SSCAN/ZSCAN cursors, stream IDs). */
  pages: <S extends z.ZodType>(
    t: ValueTarget,
    type: string,
    schema: S,
    page: ValuePage,
    paging: ValuePaging<z.input<S>>,
  ) =>
    infiniteQueryOptions({
      queryKey: [...valueKey(t), type, "pages", paging.param, paging.first, page] as const,
      queryFn: ({ pageParam, signal }) =>
        fetchValue(t, type, schema, { ...page, [paging.param]: pageParam }, signal),
      initialPageParam: paging.first,
      getNextPageParam: (last: z.input<S>) => paging.next(last),
    }),
  /** A module value: ReJSON-RL as JSON text, anything else as "unsupported" with its memory. */
  module: (t: ValueTarget) =>
    queryOptions({
      queryKey: [...valueKey(t), "module"] as const,
      queryFn: async ({ signal }) =>
        checkJson(
          z.union([jsonValue, otherValue]),
          await request(values.read, {
            params: { conn: t.conn, db: t.db },
            query: keyQuery(t.key),
            signal,
          }),
        ),
    }),
  /** One field/item/stream value in full (what a page previewed), `limit` bytes of it. */
  item: (t: ValueTarget, address: ItemAddress, limit: number) =>
    queryOptions({
      queryKey: [...valueKey(t), "item", address, limit] as const,
      queryFn: ({ signal }) =>
        request(values.item, {
          params: { conn: t.conn, db: t.db },
          query: {
            ...keyQuery(t.key),
            ...itemParams(address),
            limit: String(limit),
            ...decodeOf(t),
          },
          signal,
        }),
    }),
  /** A stream's consumer groups (GET …/key/stream/groups). */
  streamGroups: (t: ValueTarget) =>
    queryOptions({
      queryKey: [...valueKey(t), "groups"] as const,
      queryFn: ({ signal }) =>
        request(values.groups, {
          params: { conn: t.conn, db: t.db },
          query: keyQuery(t.key),
          signal,
        }),
    }),
};
