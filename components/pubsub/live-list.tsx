"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import { type ReactNode, useRef } from "react";
import { GridHeader } from "@/components/ui/grid-header";

/**
 * A live list of stream events, newest first, one line each, virtualised: thousands of rows
 * cost the DOM only the twenty or so on screen.
 */
export function LiveList<T>({
  items,
  columns,
  template,
  cells,
  empty,
  label,
  testId,
}: {
  items: readonly T[];
  columns: string[];
  /** CSS grid-template-columns shared by the header and the rows. */
  template: string;
  cells: (item: T) => ReactNode[];
  empty: ReactNode;
  label: string;
  testId: string;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 28,
    overscan: 12,
  });
  return (
    <div
      className="flex min-h-0 flex-1 flex-col overflow-hidden rounded-md border border-zinc-200 dark:border-zinc-800"
      data-testid={testId}
    >
      <GridHeader columns={columns} template={template} />
      {items.length === 0 ? (
        <div className="px-3 py-8 text-center text-sm text-zinc-500 dark:text-zinc-400">
          {empty}
        </div>
      ) : (
        <div
          ref={scrollRef}
          role="log"
          aria-label={label}
          className="h-[55vh] min-h-40 overflow-auto"
        >
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((v) => (
              <div
                key={v.key}
                data-row
                className="absolute inset-x-0 grid items-center gap-3 border-b border-zinc-100 px-3 text-xs dark:border-zinc-800/60"
                style={{
                  gridTemplateColumns: template,
                  height: v.size,
                  transform: `translateY(${v.start}px)`,
                }}
              >
                {cells(items[v.index] as T).map((cell, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a row's cells are a fixed list
                  <div key={i} className="min-w-0 truncate">
                    {cell}
                  </div>
                ))}
              </div>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}

/** A time of day with milliseconds, from Unix seconds. */
export function clockTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}
