"use client";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import { keyId } from "@/lib/bytes";
import { isScanAllPage, type KeysData, keyListQuery } from "@/lib/queries";
import { type KeyFilter, type PageSwitches, qk } from "@/lib/query-keys";
import type { KeysPage, ScannedKeyJson } from "@/lib/schemas/keys";

export type { KeysData } from "@/lib/queries";

const BROWSE_ONLY: PageSwitches = [];

/**
 * The key list: SCAN pages consumed with useInfiniteQuery, cursor by cursor. `setScanAll`
 * says how the pages from the next one on are asked for (names only, 5000 a request, or
 * browse pages); the pages already loaded keep theirs, and the list's key says which is which.
 */
export function useKeys(conn: string, db: number, filter: KeyFilter) {
  const client = useQueryClient();
  const scope = JSON.stringify([conn, db, filter]);
  const [plan, setPlan] = useState({ scope, switches: BROWSE_ONLY });
  const switches = plan.scope === scope ? plan.switches : BROWSE_ONLY;
  const query = useInfiniteQuery(keyListQuery(conn, db, filter, switches));
  const loaded = query.data?.pages.length ?? 0;
  const nextIsScanAll = isScanAllPage(switches, loaded);

  const setScanAll = useCallback(
    (scanAll: boolean) => {
      if (scanAll === nextIsScanAll) return;
      // Two switches at one page cancel out; otherwise the next page starts the other mode.
      const next = switches.at(-1) === loaded ? switches.slice(0, -1) : [...switches, loaded];
      // The new key starts with the pages loaded so far: switching refetches nothing.
      const data = client.getQueryData(keyListQuery(conn, db, filter, switches).queryKey);
      if (data) client.setQueryData(keyListQuery(conn, db, filter, next).queryKey, data);
      setPlan({ scope, switches: next });
    },
    [client, conn, db, filter, switches, loaded, nextIsScanAll, scope],
  );

  /** Drops every loaded page of this filter and starts again from the first, as browse pages. */
  const refresh = useCallback(() => {
    setPlan({ scope, switches: BROWSE_ONLY });
    return client.resetQueries({ queryKey: qk.keyListsOf(conn, db, filter) });
  }, [client, conn, db, filter, scope]);

  return { ...query, nextIsScanAll, setScanAll, refresh };
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
