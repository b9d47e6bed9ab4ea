"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { type ValueTarget, valueQueries } from "@/lib/queries";
import { streamValue } from "@/lib/schemas/values";
import { WINDOW } from "../shared/paging";

/** Stream entries newest first; each page starts where the previous one said (`next`). */
export function useStreamPages(t: ValueTarget) {
  return useInfiniteQuery(
    valueQueries.pages(
      t,
      "stream",
      streamValue,
      { count: WINDOW },
      { param: "start", first: "+", next: (last) => last.next ?? undefined },
    ),
  );
}

export function useStreamGroups(t: ValueTarget) {
  return useQuery(valueQueries.streamGroups(t));
}
