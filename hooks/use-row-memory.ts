"use client";
import { useQueries, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { keyId } from "@/lib/bytes";
import { rowMemoryQuery } from "@/lib/queries";
import { qk } from "@/lib/query-keys";
import type { ScannedKeyJson } from "@/lib/schemas/keys";
import { useSettledRows } from "./use-settled-rows";

// The key list's memory column: MEMORY USAGE of the rows on screen once they have stayed in
// view for 80 ms (as their type and TTL, hooks/use-row-meta.ts), 200 keys a request.
// Sorting by memory measures the loaded rows first, at most this many (25 requests of 200;
// MEMORY USAGE samples, so each key is O(1) for Redis). Rows past it sort as unknown.
export const SORT_MEASURE_MAX = 5000;

export function useRowMemory(conn: string, db: number) {
  const client = useQueryClient();
  const { request, rows } = useSettledRows(conn, db);
  const answered = useQueries({
    queries: rows.map((row) => rowMemoryQuery(conn, db, row.key)),
    combine: (results) => results.reduce((n, r) => n + r.dataUpdatedAt, 0),
  });

  /** Bytes, null when Redis could not say, undefined while not measured. */
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new answer must re-render the rows
  const memoryOf = useCallback(
    (row: ScannedKeyJson): number | null | undefined =>
      client.getQueryData<number | null>(qk.rowMemory(conn, db, keyId(row.key))),
    [client, conn, db, answered],
  );

  /** Measures up to SORT_MEASURE_MAX rows (cached ones are not asked again). */
  const measure = useCallback(
    async (all: ScannedKeyJson[]) => {
      await Promise.allSettled(
        all
          .slice(0, SORT_MEASURE_MAX)
          .map((row) => client.fetchQuery(rowMemoryQuery(conn, db, row.key))),
      );
    },
    [client, conn, db],
  );

  return { request, memoryOf, measure };
}
