"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { type ValueTarget, valueQueries } from "@/lib/queries";
import { setValue } from "@/lib/schemas/values";
import { nextCursor, SCAN_COUNT } from "../shared/paging";

/** SSCAN pages with an optional MATCH glob. */
export function useSetPages(t: ValueTarget, match: string) {
  return useInfiniteQuery(
    valueQueries.pages(
      t,
      "set",
      setValue,
      { count: SCAN_COUNT, match },
      { param: "cursor", first: "0", next: nextCursor },
    ),
  );
}
