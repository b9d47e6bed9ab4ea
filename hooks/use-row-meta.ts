"use client";
import { useQueries, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { keyId } from "@/lib/bytes";
import { type RowMeta, rowMetaQuery } from "@/lib/queries";
import { qk } from "@/lib/query-keys";
import type { ScannedKeyJson } from "@/lib/schemas/keys";

export type { RowMeta } from "@/lib/queries";

// Walks of a whole keyspace ("Scan all") fetch names only, which is several times cheaper for
// Redis; the type and TTL of the rows actually on screen are queried (lib/queries/row-meta.ts)
// once they have stayed in view for 80 ms, so a fast scroll asks only for where it stops.
const SETTLE_MS = 80;

export function useRowMeta(conn: string, db: number) {
  const client = useQueryClient();
  const scope = JSON.stringify([conn, db]);
  const [onScreen, setOnScreen] = useState({ scope, rows: [] as ScannedKeyJson[] });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  /** Call with the rows on screen; those listed without a type are queried shortly. */
  const request = useCallback(
    (rows: ScannedKeyJson[]) => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        timer.current = null;
        setOnScreen({ scope, rows: rows.filter((r) => r.type === undefined) });
      }, SETTLE_MS);
    },
    [scope],
  );

  const rows = onScreen.scope === scope ? onScreen.rows : [];
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
