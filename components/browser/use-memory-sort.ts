"use client";
import { useEffect, useMemo, useRef, useState } from "react";
import type { useRowMemory } from "@/hooks/use-row-memory";
import type { ScannedKeyJson } from "@/lib/schemas/keys";
import type { MemorySort } from "./key-list";

/**
 * The key list's order: as SCAN found the keys, or by memory. Sorting measures the loaded rows
 * first (up to SORT_MEASURE_MAX), then sorts them; rows loaded later, or not measured, go last.
 * The order is fixed when the measuring ends, so rows do not jump while the user reads them.
 */
export function useMemorySort(
  rows: ScannedKeyJson[],
  memory: ReturnType<typeof useRowMemory>,
  scope: string,
) {
  const [state, setState] = useState<{ scope: string; sort: MemorySort; measured: number }>({
    scope,
    sort: null,
    measured: 0,
  });
  const sort = state.scope === scope ? state.sort : null;
  const [sorting, setSorting] = useState(false);
  const { measure, memoryOf } = memory;
  const run = useRef(0);

  const setSort = (to: MemorySort) => {
    const id = ++run.current;
    setState((s) => ({ ...s, scope, sort: to }));
    if (to === null) return;
    setSorting(true);
    void measure(rows).finally(() => {
      if (run.current !== id) return;
      setSorting(false);
      setState((s) => ({ ...s, measured: s.measured + 1 }));
    });
  };
  useEffect(() => {
    if (state.scope !== scope) setSorting(false);
  }, [scope, state.scope]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: re-sorts when a measuring ends (measured), not on every answer
  const sorted = useMemo(() => {
    if (sort === null) return rows;
    const sign = sort === "desc" ? -1 : 1;
    const size = (r: ScannedKeyJson) => memoryOf(r) ?? null;
    return rows
      .map((row, i) => ({ row, i, bytes: size(row) }))
      .sort((a, b) => {
        if (a.bytes === null || b.bytes === null)
          return a.bytes === b.bytes ? a.i - b.i : a.bytes === null ? 1 : -1;
        return sign * (a.bytes - b.bytes) || a.i - b.i;
      })
      .map((x) => x.row);
  }, [rows, sort, state.measured]);

  return { rows: sorted, sort, sorting, setSort };
}
