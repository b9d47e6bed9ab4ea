"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { ReactNode } from "react";
import { useId, useRef } from "react";
import { useListKeyboard } from "@/components/browser/key-list";
import { cn } from "@/components/ui/cn";
import { GridHeader } from "@/components/ui/grid-header";

type Props<T> = {
  items: T[];
  rowKey: (item: T, index: number) => string;
  /** Column headers and a CSS grid template shared by the header and every row. */
  columns: string[];
  template: string;
  cells: (item: T, index: number) => ReactNode[];
  selected: string | null;
  onSelect: (item: T, index: number) => void;
  label: string;
  empty: ReactNode;
  footer?: ReactNode;
};

/**
 * The rows of a value (fields, items, members, entries): virtualised, so only what is on screen
 * is in the DOM, with rows measured as they render because values wrap to up to three lines.
 * Click or ↑/↓ + Enter selects a row; the viewer shows it in full with its actions below.
 */
export function ValueRows<T>(props: Props<T>) {
  const { items, rowKey, columns, template, cells, selected, onSelect, label, empty, footer } =
    props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const idBase = useId();
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 30,
    overscan: 10,
  });
  const open = (i: number) => {
    const item = items[i];
    if (item !== undefined) onSelect(item, i);
  };
  const { active, setActive, onKeyDown } = useListKeyboard(items.length, open, (i) =>
    virtualizer.scrollToIndex(i),
  );
  return (
    <div className="flex flex-col overflow-hidden rounded-md border border-zinc-200 dark:border-zinc-800">
      <GridHeader columns={columns} template={template} />
      {items.length === 0 ? (
        <div className="px-3 py-6 text-center text-sm text-zinc-500" data-testid="rows-empty">
          {empty}
        </div>
      ) : (
        <div
          ref={scrollRef}
          role="listbox"
          aria-label={label}
          aria-activedescendant={`${idBase}-${active}`}
          tabIndex={0}
          onKeyDown={onKeyDown}
          data-testid="value-rows"
          className="group max-h-[50vh] min-h-0 overflow-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-indigo-500/40"
        >
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((v) => {
              const item = items[v.index] as T;
              const isSelected = selected !== null && rowKey(item, v.index) === selected;
              return (
                // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/useFocusableInteractive: the listbox owns focus and keys (aria-activedescendant)
                <div
                  key={v.key}
                  id={`${idBase}-${v.index}`}
                  ref={virtualizer.measureElement}
                  data-index={v.index}
                  role="option"
                  aria-selected={isSelected}
                  data-testid="value-row"
                  onClick={() => {
                    setActive(v.index);
                    onSelect(item, v.index);
                  }}
                  className={cn(
                    "absolute inset-x-0 top-0 grid cursor-pointer items-start gap-3 border-b border-zinc-100 px-3 py-1.5 text-[13px] dark:border-zinc-900",
                    isSelected
                      ? "bg-indigo-50 dark:bg-indigo-950/60"
                      : "hover:bg-zinc-50 dark:hover:bg-zinc-900",
                    // The keyboard cursor, shown only while the rows have focus.
                    v.index === active &&
                      "group-focus:outline group-focus:outline-1 group-focus:-outline-offset-1 group-focus:outline-indigo-400/60",
                  )}
                  style={{ gridTemplateColumns: template, transform: `translateY(${v.start}px)` }}
                >
                  {cells(item, v.index).map((cell, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional columns
                    <div key={i} className="line-clamp-3 min-w-0 break-all">
                      {cell}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      )}
      {footer}
    </div>
  );
}
