"use client";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { ApiClientError, api, keyPath } from "@/lib/api-client";
import { type JsonBytes, keyId } from "@/lib/bytes";
import { qk } from "@/lib/query-keys";
import {
  hashValue,
  jsonValue,
  listValue,
  otherValue,
  setValue,
  streamGroups,
  streamValue,
  zsetValue,
} from "@/lib/schemas/values";

// One page of a non-string value at a time (strings: hooks/use-key.ts). Every query lives under
// qk.keyValue(…) plus its own parameters, so an edit invalidates all pages of the key at once.

/** Rows per list window and zset rank window; items per HSCAN/SSCAN/ZSCAN/XREVRANGE request. */
export const WINDOW = 100;
export const SCAN_COUNT = 200;

type Params = Record<string, string | number | undefined>;

function valueUrl(conn: string, db: number, key: JsonBytes, params: Params): string {
  const search = new URLSearchParams();
  for (const [name, v] of Object.entries(params))
    if (v !== undefined && v !== "") search.set(name, String(v));
  const qs = search.toString();
  return keyPath(conn, db, key, "/value", qs ? `&${qs}` : "");
}

const anyValue = z.looseObject({ type: z.string() });

/**
 * Fetches a page and checks its type first: a key that changed type since it was opened gets a
 * WRONG_TYPE error the viewer can explain, instead of a schema error nobody can read.
 */
async function fetchValue<T>(
  url: string,
  schema: z.ZodType<T>,
  type: string,
  signal: AbortSignal,
): Promise<T> {
  const raw = await api(url, anyValue, { signal });
  if (raw.type !== type)
    throw new ApiClientError(409, "WRONG_TYPE", `This key now holds a ${raw.type}, not a ${type}.`);
  return schema.parse(raw);
}

type Target = { conn: string; db: number; key: JsonBytes };
const base = ({ conn, db, key }: Target) => qk.keyValue(conn, db, keyId(key));

/** HSCAN pages with an optional MATCH glob, cursor by cursor. */
export function useHashPages(t: Target, match: string) {
  return useInfiniteQuery({
    queryKey: [...base(t), "hash", { match }],
    queryFn: ({ pageParam, signal }) =>
      fetchValue(
        valueUrl(t.conn, t.db, t.key, { cursor: pageParam, count: SCAN_COUNT, match }),
        hashValue,
        "hash",
        signal,
      ),
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
      fetchValue(
        valueUrl(t.conn, t.db, t.key, { cursor: pageParam, count: SCAN_COUNT, match }),
        setValue,
        "set",
        signal,
      ),
    initialPageParam: "0",
    getNextPageParam: (last) => (last.cursor === "0" ? undefined : last.cursor),
    retry: false,
  });
}

/** One LRANGE window; the previous window stays on screen while the next one loads. */
export function useListWindow(t: Target, offset: number) {
  return useQuery({
    queryKey: [...base(t), "list", { offset }],
    queryFn: ({ signal }) =>
      fetchValue(
        valueUrl(t.conn, t.db, t.key, { offset, count: WINDOW }),
        listValue,
        "list",
        signal,
      ),
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
      fetchValue(
        valueUrl(t.conn, t.db, t.key, { offset, count: WINDOW, ...range }),
        zsetValue,
        "zset",
        signal,
      ),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** ZSCAN pages for a member pattern (no rank order then: ZSCAN walks the hash table). */
export function useZsetScan(t: Target, match: string) {
  return useInfiniteQuery({
    queryKey: [...base(t), "zscan", { match }],
    queryFn: ({ pageParam, signal }) =>
      fetchValue(
        valueUrl(t.conn, t.db, t.key, { cursor: pageParam, count: SCAN_COUNT, match }),
        zsetValue,
        "zset",
        signal,
      ),
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
      fetchValue(
        valueUrl(t.conn, t.db, t.key, { start: pageParam, count: WINDOW }),
        streamValue,
        "stream",
        signal,
      ),
    initialPageParam: "+",
    getNextPageParam: (last) => last.next ?? undefined,
    retry: false,
  });
}

export function useStreamGroups(t: Target, enabled: boolean) {
  return useQuery({
    queryKey: [...base(t), "groups"],
    queryFn: ({ signal }) =>
      api(keyPath(t.conn, t.db, t.key, "/stream/groups"), streamGroups, { signal }),
    enabled,
    retry: false,
  });
}

/** A module value: ReJSON-RL as JSON text, anything else as "unsupported" with its memory. */
export function useModuleValue(t: Target) {
  return useQuery({
    queryKey: [...base(t), "module"],
    queryFn: ({ signal }) =>
      api(valueUrl(t.conn, t.db, t.key, {}), z.union([jsonValue, otherValue]), { signal }),
    retry: false,
  });
}
