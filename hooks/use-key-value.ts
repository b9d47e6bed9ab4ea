"use client";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { ApiClientError, checkJson, request } from "@/lib/api-client";
import { type JsonBytes, keyId, keyQuery } from "@/lib/bytes";
import { values } from "@/lib/endpoints";
import { qk } from "@/lib/query-keys";
import {
  hashValue,
  jsonValue,
  listValue,
  otherValue,
  setValue,
  streamValue,
  zsetValue,
} from "@/lib/schemas/values";

// One page of a non-string value at a time (strings: hooks/use-key.ts). Every query lives under
// qk.keyValue(…) plus its own parameters, so an edit invalidates all pages of the key at once.

/** Rows per list window and zset rank window; items per HSCAN/SSCAN/ZSCAN/XREVRANGE request. */
export const WINDOW = 100;
export const SCAN_COUNT = 200;

type Target = { conn: string; db: number; key: JsonBytes };
type Page = { cursor?: string; offset?: number; count?: number; match?: string } & Partial<
  Record<"order" | "min" | "max" | "start", string>
>;

function readPage(t: Target, page: Page, signal: AbortSignal) {
  const query = { ...keyQuery(t.key), ...page };
  return request(values.read, { params: { conn: t.conn, db: t.db }, query, signal });
}

/**
 * Fetches a page and checks its type first: a key that changed type since it was opened gets a
 * WRONG_TYPE error the viewer can explain, instead of a schema error nobody can read.
 */
async function fetchValue<S extends z.ZodType>(
  t: Target,
  page: Page,
  schema: S,
  type: string,
  signal: AbortSignal,
): Promise<z.input<S>> {
  const raw = await readPage(t, page, signal);
  if (raw.type !== type)
    throw new ApiClientError(409, "WRONG_TYPE", `This key now holds a ${raw.type}, not a ${type}.`);
  return checkJson(schema, raw);
}
const base = ({ conn, db, key }: Target) => qk.keyValue(conn, db, keyId(key));

/** HSCAN pages with an optional MATCH glob, cursor by cursor. */
export function useHashPages(t: Target, match: string) {
  return useInfiniteQuery({
    queryKey: [...base(t), "hash", { match }],
    queryFn: ({ pageParam, signal }) =>
      fetchValue(t, { cursor: pageParam, count: SCAN_COUNT, match }, hashValue, "hash", signal),
    initialPageParam: "0",
    getNextPageParam: (last) => (last.cursor === "0" ? undefined : last.cursor),
    retry: false,
  });
}

/** SSCAN pages with an optional MATCH glob. */
export function useSetPages(t: Target, match: string) {
  return useInfiniteQuery({
    queryKey: [...base(t), "set", { match }],
    queryFn: ({ pageParam, signal }) =>
      fetchValue(t, { cursor: pageParam, count: SCAN_COUNT, match }, setValue, "set", signal),
    initialPageParam: "0",
    getNextPageParam: (last) => (last.cursor === "0" ? undefined : last.cursor),
    retry: false,
  });
}

/** One LRANGE window; the previous window stays on screen while the next one loads. */
export function useListWindow(t: Target, offset: number) {
  return useQuery({
    queryKey: [...base(t), "list", { offset }],
    queryFn: ({ signal }) => fetchValue(t, { offset, count: WINDOW }, listValue, "list", signal),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export type ZsetRange = { order: "asc" | "desc"; min: string; max: string };

/** One rank window of a sorted set, optionally within score bounds. */
export function useZsetWindow(t: Target, offset: number, range: ZsetRange) {
  return useQuery({
    queryKey: [...base(t), "zset", { offset, ...range }],
    queryFn: ({ signal }) =>
      fetchValue(t, { offset, count: WINDOW, ...range }, zsetValue, "zset", signal),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** ZSCAN pages for a member pattern (no rank order then: ZSCAN walks the hash table). */
export function useZsetScan(t: Target, match: string) {
  return useInfiniteQuery({
    queryKey: [...base(t), "zscan", { match }],
    queryFn: ({ pageParam, signal }) =>
      fetchValue(t, { cursor: pageParam, count: SCAN_COUNT, match }, zsetValue, "zset", signal),
    initialPageParam: "0",
    getNextPageParam: (last) => (!last.cursor || last.cursor === "0" ? undefined : last.cursor),
    retry: false,
  });
}

/** Stream entries newest first; each page starts where the previous one said (`next`). */
export function useStreamPages(t: Target) {
  return useInfiniteQuery({
    queryKey: [...base(t), "stream"],
    queryFn: ({ pageParam, signal }) =>
      fetchValue(t, { start: pageParam, count: WINDOW }, streamValue, "stream", signal),
    initialPageParam: "+",
    getNextPageParam: (last) => last.next ?? undefined,
    retry: false,
  });
}

export function useStreamGroups(t: Target, enabled: boolean) {
  return useQuery({
    queryKey: [...base(t), "groups"],
    queryFn: ({ signal }) =>
      request(values.groups, {
        params: { conn: t.conn, db: t.db },
        query: keyQuery(t.key),
        signal,
      }),
    enabled,
    retry: false,
  });
}

/** A module value: ReJSON-RL as JSON text, anything else as "unsupported" with its memory. */
export function useModuleValue(t: Target) {
  return useQuery({
    queryKey: [...base(t), "module"],
    queryFn: async ({ signal }) =>
      checkJson(z.union([jsonValue, otherValue]), await readPage(t, {}, signal)),
    retry: false,
  });
}
