"use client";
import type { ReactNode } from "react";
import { cn } from "./cn";

// The tables of the cluster and Sentinel pages: a bordered, horizontally scrolling frame, a grey
// header row, and the cell paddings they share.

export const TH = "px-3 py-2 text-left font-medium whitespace-nowrap";
export const TD = "px-3 py-1.5 whitespace-nowrap";

/** The frame and header row; `children` are the table's <tbody>. */
export function TableShell({
  testId,
  head,
  children,
}: {
  testId: string;
  /** The header cells (<th className={TH}>…). */
  head: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full text-sm" data-testid={testId}>
        <thead className="bg-zinc-50 text-xs text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>{head}</tr>
        </thead>
        {children}
      </table>
    </div>
  );
}

/** A table of rows of cells; the first column and right-aligned ones in mono type. */
export function DataTable({
  testId,
  head,
  rows,
  empty,
}: {
  testId: string;
  head: { label: string; right?: boolean }[];
  rows: { key: string; cells: ReactNode[] }[];
  empty: string;
}) {
  return (
    <TableShell
      testId={testId}
      head={head.map((h) => (
        <th key={h.label} className={cn(TH, h.right && "text-right")}>
          {h.label}
        </th>
      ))}
    >
      <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {rows.length === 0 && (
          <tr>
            <td colSpan={head.length} className={cn(TD, "text-zinc-500 dark:text-zinc-400")}>
              {empty}
            </td>
          </tr>
        )}
        {rows.map((r) => (
          <tr key={r.key} data-testid={`${testId}-row`}>
            {r.cells.map((c, i) => (
              <td
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed per table
                key={i}
                className={cn(
                  TD,
                  head[i]?.right && "text-right font-mono text-xs",
                  i === 0 && "font-mono text-xs",
                )}
              >
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </TableShell>
  );
}
