// Queries of key lists and of one key as a whole. Everything a query function depends on is in
// its key (lib/query-keys.ts): no refs, no closures over component state.
import { type InfiniteData, infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { checkJson, request } from "@/lib/api-client";
import { type JsonBytes, keyId, keyQuery } from "@/lib/bytes";
import { keys, values } from "@/lib/endpoints";
import { type KeyFilter, type PageSwitches, qk } from "@/lib/query-keys";
import type { KeysPage } from "@/lib/schemas/keys";
import { stringValue } from "@/lib/schemas/values";

// Page sizes: 500 keys answers in a few ms and fills two screens; a background "scan all"
// asks for 5000 per request to cut round trips (the API's maximum).
export const PAGE_COUNT = 500;
export const SCAN_ALL_COUNT = 5000;

/** A key list as the cache holds it (mutations edit its pages in place). */
export type KeysData = InfiniteData<KeysPage, unknown>;

/** Where a page starts, and its index in the list (which says how it is asked for). */
export type KeysPageParam = { cursor: string; index: number };

/** How a page is asked for: its size, and whether it asks for type and TTL. */
export type PageMode = { count: number; meta: boolean };
export const BROWSE_PAGE: PageMode = { count: PAGE_COUNT, meta: true };
// A background walk of the whole keyspace asks for names only (several times cheaper for
// Redis); the rows on screen get their type and TTL from rowMetaQuery (lib/queries/row-meta.ts).
export const SCAN_ALL_PAGE: PageMode = { count: SCAN_ALL_COUNT, meta: false };

/** Whether page `index` of a list is a Scan-all page: after an odd number of switches. */
export function isScanAllPage(switches: PageSwitches, index: number): boolean {
  return switches.filter((s) => s <= index).length % 2 === 1;
}

/** The key list: SCAN pages consumed cursor by cursor, each asked for as its switches say. */
export function keyListQuery(conn: string, db: number, filter: KeyFilter, switches: PageSwitches) {
  return infiniteQueryOptions({
    queryKey: qk.keys(conn, db, filter, switches),
    queryFn: async ({ pageParam, signal }) => {
      const mode = isScanAllPage(switches, pageParam.index) ? SCAN_ALL_PAGE : BROWSE_PAGE;
      const page = await request(keys.list, {
        params: { conn, db },
        query: {
          cursor: pageParam.cursor,
          count: mode.count,
          meta: mode.meta ? undefined : "0",
          match: filter.match || undefined,
          type: filter.type || undefined,
        },
        signal,
      });
      // A key the filter names exactly comes first, as a row like the others (so edits of
      // loaded rows reach it, and the list's dedup drops it when SCAN finds it again later).
      const { exact, ...rest } = page;
      return exact ? { ...rest, keys: [exact, ...rest.keys] } : rest;
    },
    initialPageParam: { cursor: "0", index: 0 } as KeysPageParam,
    getNextPageParam: (last, _all, param): KeysPageParam | undefined =>
      last.cursor === "0" ? undefined : { cursor: last.cursor, index: param.index + 1 },
    // A walk of a big keyspace is expensive to redo: never refetch it behind the user's back
    // (mutations edit it in place; a bulk job, a flush or the refresh button refetch it).
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
}

export function keyInfoQuery(conn: string, db: number, key: JsonBytes | null) {
  return queryOptions({
    queryKey: qk.key(conn, db, key === null ? "" : keyId(key)),
    queryFn: ({ signal }) =>
      request(keys.info, { params: { conn, db }, query: keyQuery(key as JsonBytes), signal }),
    enabled: key !== null,
  });
}

// Windows of a string value: 64 KiB first, more on demand; never the whole value at once.
export const STRING_WINDOW = 64 * 1024;

/**
 * `decode` (decode= of lib/schemas/decode.ts) is sent with the first window only: the server
 * decodes the whole value (up to 8 MiB) whatever the window, so later windows would redo it.
 */
export function stringValueQuery(conn: string, db: number, key: JsonBytes, decode?: string) {
  return infiniteQueryOptions({
    queryKey: decode
      ? qk.keyValueDecoded(conn, db, keyId(key), decode)
      : qk.keyValue(conn, db, keyId(key)),
    queryFn: async ({ pageParam, signal }) =>
      checkJson(
        stringValue,
        await request(values.read, {
          params: { conn, db },
          query: {
            ...keyQuery(key),
            offset: pageParam,
            limit: STRING_WINDOW,
            ...(decode && pageParam === 0 && { decode }),
          },
          signal,
        }),
      ),
    initialPageParam: 0,
    getNextPageParam: (last) => (last.truncated ? last.offset + STRING_WINDOW : undefined),
  });
}
