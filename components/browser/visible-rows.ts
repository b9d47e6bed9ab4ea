"use client";
import type { Virtualizer } from "@tanstack/react-virtual";
import { useEffect } from "react";
import type { ScannedKeyJson } from "@/lib/schemas/keys";

/** Tells `onVisible` which rows are on screen whenever the visible range or the rows change. */
export function useReportVisible(
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  rowAt: (index: number) => ScannedKeyJson | undefined,
  onVisible: ((rows: ScannedKeyJson[]) => void) | undefined,
) {
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (!onVisible || last < first) return;
    const rows: ScannedKeyJson[] = [];
    for (let i = first; i <= last; i++) {
      const row = rowAt(i);
      if (row) rows.push(row);
    }
    onVisible(rows);
  }, [first, last, rowAt, onVisible]);
}
