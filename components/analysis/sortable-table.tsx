"use client";
import { type ReactNode, useMemo, useState } from "react";
import { cn } from "@/components/ui/cn";

export type Column<R> = {
  id: string;
  label: string;
  cell: (row: R) => ReactNode;
  /** Rows sort by this when its header is clicked; no sort when absent. */
  sort?: (row: R) => number | string;
  numeric?: boolean;
};

/** A plain table whose headers sort it (a second click reverses). */
export function SortableTable<R>({
  rows,
  columns,
  rowKey,
  initialSort,
  testId,
  limit,
}: {
  rows: readonly R[];
  columns: Column<R>[];
  rowKey: (row: R) => string;
  initialSort?: { id: string; desc: boolean };
  testId?: string;
  limit?: number;
}) {
  const [sort, setSort] = useState(initialSort ?? null);
  const sorted = useMemo(() => {
    const col = columns.find((c) => c.id === sort?.id);
    if (!col?.sort || !sort) return rows;
    const by = col.sort;
    return [...rows].sort((a, b) => {
      const x = by(a);
      const y = by(b);
      const d = x < y ? -1 : x > y ? 1 : 0;
      return sort.desc ? -d : d;
    });
  }, [rows, columns, sort]);
  const shown = limit ? sorted.slice(0, limit) : sorted;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-xs" data-testid={testId}>
        <thead className="text-left text-zinc-500 dark:text-zinc-400">
          <tr className="border-b border-zinc-200 dark:border-zinc-800">
            {columns.map((c) => (
              <th
                key={c.id}
                className={cn("py-1 pr-3 font-medium", c.numeric && "text-right")}
                aria-sort={sort?.id === c.id ? (sort.desc ? "descending" : "ascending") : undefined}
              >
                {c.sort ? (
                  <button
                    type="button"
                    className="hover:text-zinc-900 dark:hover:text-zinc-100"
                    onClick={() =>
                      setSort((s) => ({ id: c.id, desc: s?.id === c.id ? !s.desc : true }))
                    }
                  >
                    {c.label}
                    {sort?.id === c.id ? (sort.desc ? " ↓" : " ↑") : ""}
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr
              key={rowKey(r)}
              className="border-b border-zinc-100 last:border-0 dark:border-zinc-800/60"
            >
              {columns.map((c) => (
                <td
                  key={c.id}
                  className={cn(
                    "py-1 pr-3 align-top",
                    c.numeric && "text-right font-mono tabular-nums",
                  )}
                >
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {limit && sorted.length > limit && (
        <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          {limit} of {sorted.length} shown.
        </p>
      )}
    </div>
  );
}
