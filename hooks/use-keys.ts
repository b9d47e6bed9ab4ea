"use client";
import { type InfiniteData, useInfiniteQuery } from "@tanstack/react-query";
import { useRef } from "react";
import { request } from "@/lib/api-client";
import { keyId } from "@/lib/bytes";
import { keys } from "@/lib/endpoints";
import { type KeyFilter, qk } from "@/lib/query-keys";
import type { KeysPage, ScannedKeyJson } from "@/lib/schemas/keys";

// Page sizes: 500 keys answers in a few ms and fills two screens; a background "scan all"
// asks for 5000 per request to cut round trips (the API's maximum).
export const PAGE_COUNT = 500;
export const SCAN_ALL_COUNT = 5000;

export type KeysData = InfiniteData<KeysPage, unknown>;

/** How the next request pages: its size, and whether it asks for type and TTL. */
export type PageMode = { count: number; meta: boolean };
export const BROWSE_PAGE: PageMode = { count: PAGE_COUNT, meta: true };
// A background walk of the whole keyspace asks for names only (several times cheaper for
// Redis); the rows on screen get their type and TTL from hooks/use-row-meta.ts.
export const SCAN_ALL_PAGE: PageMode = { count: SCAN_ALL_COUNT, meta: false };

function keysQueryOf(filter: KeyFilter, cursor: string, page: PageMode) {
  return {
    cursor,
    count: page.count,
    meta: page.meta ? undefined : ("0" as const),
    match: filter.match || undefined,
    type: filter.type || undefined,
  };
}

/** The key list: SCAN pages consumed with useInfiniteQuery, cursor by cursor. */
export function useKeys(conn: string, db: number, filter: KeyFilter) {
  // Read by the query function: how the next request pages.
  const modeRef = useRef<PageMode>(BROWSE_PAGE);
  const query = useInfiniteQuery({
    queryKey: qk.keys(conn, db, filter),
    queryFn: ({ pageParam, signal }) =>
      request(keys.list, {
        params: { conn, db },
        query: keysQueryOf(filter, pageParam, modeRef.current),
        signal,
      }),
    initialPageParam: "0",
    getNextPageParam: (last) => (last.cursor === "0" ? undefined : last.cursor),
    // A walk of a big keyspace is expensive to redo: never refetch it behind the user's back.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    retry: false,
  });
  return { ...query, modeRef };
}

type Flat = { pages: KeysPage[] | undefined; rows: ScannedKeyJson[]; seen: Set<string> };

/**
 * All loaded rows, deduplicated (SCAN may return a key twice while Redis rehashes). New pages
 * are appended incrementally, so a walk of a million keys stays linear.
 */
export function useKeyRows(data: KeysData | undefined): ScannedKeyJson[] {
  const flat = useRef<Flat>({ pages: undefined, rows: [], seen: new Set() });
  const pages = data?.pages;
  const prev = flat.current.pages;
  if (pages !== prev) {
    const appended =
      prev !== undefined &&
      pages !== undefined &&
      pages.length >= prev.length &&
      prev.every((p, i) => p === pages[i]);
    const start = appended ? (prev?.length ?? 0) : 0;
    const rows = appended ? flat.current.rows.slice() : [];
    const seen = appended ? flat.current.seen : new Set<string>();
    for (const page of pages?.slice(start) ?? []) {
      for (const row of page.keys) {
        const id = keyId(row.key);
        if (!seen.has(id)) {
          seen.add(id);
          rows.push(row);
        }
      }
    }
    flat.current = { pages, rows, seen };
  }
  return flat.current.rows;
}
