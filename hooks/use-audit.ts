"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { AUDIT_PAGE_SIZE, auditQuery } from "@/lib/queries";

/**
 * Requests a search goes on by itself while it has found less than a page: the log holds at
 * most 5 × 8 MiB and one request reads up to 4 MiB, so this covers all of it; older pages
 * after that come from "Load older".
 */
const AUTO_PAGES = 12;

/** The audit log's pages for a filter; a search keeps reading older pages until it has a page. */
export function useAudit(q: string) {
  const query = useInfiniteQuery(auditQuery(q));
  const { data, hasNextPage, isFetching, isError, fetchNextPage } = query;
  const found = data?.pages.reduce((n, p) => n + p.entries.length, 0) ?? 0;
  const pages = data?.pages.length ?? 0;
  const searching =
    q !== "" && hasNextPage && found < AUDIT_PAGE_SIZE && pages < AUTO_PAGES && !isError;
  useEffect(() => {
    if (searching && !isFetching) void fetchNextPage();
  }, [searching, isFetching, fetchNextPage]);
  return { ...query, found, searching };
}
