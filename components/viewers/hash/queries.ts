"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { type ValueTarget, valueQueries } from "@/lib/queries";
import { hashValue } from "@/lib/schemas/values";
import { nextCursor, SCAN_COUNT } from "../shared/paging";

/** HSCAN pages with an optional MATCH glob, cursor by cursor. */
export function useHashPages(t: ValueTarget, match: string) {
  return useInfiniteQuery(
    valueQueries.pages(
      t,
      "hash",
      hashValue,
      { count: SCAN_COUNT, match },
      { param: "cursor", first: "0", next: nextCursor },
    ),
  );
}
