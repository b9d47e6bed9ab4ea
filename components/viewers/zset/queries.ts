"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { type ValueTarget, valueQueries } from "@/lib/queries";
import { zsetValue } from "@/lib/schemas/values";
import { nextCursor, SCAN_COUNT, WINDOW } from "../shared/paging";

export type ZsetRange = { order: "asc" | "desc"; min: string; max: string };

/** One rank window of a sorted set, optionally within score bounds. */
export function useZsetWindow(t: ValueTarget, offset: number, range: ZsetRange) {
  return useQuery(valueQueries.window(t, "zset", zsetValue, { offset, count: WINDOW, ...range }));
}

/** ZSCAN pages for a member pattern (no rank order then: ZSCAN walks the hash table). */
export function useZsetScan(t: ValueTarget, match: string) {
  return useInfiniteQuery(
    valueQueries.pages(
      t,
      "zset",
      zsetValue,
      { count: SCAN_COUNT, match },
      { param: "cursor", first: "0", next: nextCursor },
    ),
  );
}
