"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ScannedKeyJson } from "@/lib/schemas/keys";

// The rows on screen once they have stayed in view for SETTLE_MS, for the per-row queries of the
// key list (type and TTL, memory): a fast scroll asks only for where it stops. Rows of another
// connection or database are forgotten at once.
const SETTLE_MS = 80;

/** `request(rows)` with the rows on screen; `rows` is what has settled (those `keep` accepts). */
export function useSettledRows(
  conn: string,
  db: number,
  keep: (row: ScannedKeyJson) => boolean = () => true,
) {
  const scope = JSON.stringify([conn, db]);
  const [onScreen, setOnScreen] = useState({ scope, rows: [] as ScannedKeyJson[] });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const keepRef = useRef(keep);
  keepRef.current = keep;
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const request = useCallback(
    (rows: ScannedKeyJson[]) => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        timer.current = null;
        setOnScreen({ scope, rows: rows.filter((r) => keepRef.current(r)) });
      }, SETTLE_MS);
    },
    [scope],
  );

  return { request, rows: onScreen.scope === scope ? onScreen.rows : [] };
}
