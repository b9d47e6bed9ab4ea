"use client";
import { useQueries, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { keyId } from "@/lib/bytes";
import { type RowMeta, rowMetaQuery } from "@/lib/queries";
import { qk } from "@/lib/query-keys";
import type { ScannedKeyJson } from "@/lib/schemas/keys";
import { useSettledRows } from "./use-settled-rows";

export type { RowMeta } from "@/lib/queries";

// Walks of a whole keyspace ("Scan all") fetch names only, which is several times cheaper for
// Redis; the type and TTL of the rows actually on screen are queried (lib/queries/row-meta.ts)
// once they have stayed in view for 80 ms, so a fast scroll asks only for where it stops.

/** Only rows listed without a type (names-only pages) need asking. */
const LISTED_WITHOUT_TYPE = (r: ScannedKeyJson) => r.type === undefined;

export function useRowMeta(conn: string, db: number) {
  const client = useQueryClient();
  const { request, rows } = useSettledRows(conn, db, LISTED_WITHOUT_TYPE);
  // Subscribes the rows on screen; the answers land in the cache, where metaOf reads them (so
  // rows that come back into view show what was fetched before at once).
  const answered = useQueries({
    queries: rows.map((row) => rowMetaQuery(conn, db, row.key)),
    combine: (results) => results.reduce((n, r) => n + r.dataUpdatedAt, 0),
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new answer must re-render the rows
  const metaOf = useCallback(
    (row: ScannedKeyJson): RowMeta => {
      if (row.type !== undefined) return { type: row.type, ttl: row.ttl };
      const m = client.getQueryData<RowMeta>(qk.rowMeta(conn, db, keyId(row.key)));
      return { type: m?.type, ttl: row.ttl ?? m?.ttl };
    },
    [client, conn, db, answered],
  );

  return { request, metaOf };
}
