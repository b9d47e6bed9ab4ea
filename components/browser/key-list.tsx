"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import {
  type KeyboardEvent,
  type RefObject,
  useCallback,
  useEffect,
  useRef,
  useState,
} from "react";
import { cn } from "@/components/ui/cn";
import type { RowMeta } from "@/hooks/use-row-meta";
import { type JsonBytes, keyId } from "@/lib/bytes";
import { formatBytes, formatCount } from "@/lib/format";
import type { ScannedKeyJson } from "@/lib/schemas/keys";
import { KeyName } from "./key-name";
import { TtlCell } from "./ttl-cell";
import { TypeBadge } from "./type-badge";
import { useReportVisible } from "./visible-rows";

export const ROW_HEIGHT = 30;

/** Arrow keys, Home/End and Enter over a virtualised list; shared by the list and tree views. */
export function useListKeyboard(
  count: number,
  onOpen: (index: number) => void,
  scrollTo: (i: number) => void,
) {
  const [active, setActive] = useState(0);
  useEffect(() => {
    if (active >= count && count > 0) setActive(count - 1);
  }, [active, count]);
  const move = (i: number) => {
    const next = Math.max(0, Math.min(count - 1, i));
    setActive(next);
    scrollTo(next);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const page = 15;
    const handlers: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      PageDown: () => move(active + page),
      PageUp: () => move(active - page),
      Home: () => move(0),
      End: () => move(count - 1),
      Enter: () => count > 0 && onOpen(active),
    };
    const handler = handlers[e.key];
    if (handler) {
      e.preventDefault();
      handler();
    }
  };
  return { active, setActive, onKeyDown };
}

export type MemorySort = "desc" | "asc" | null;

type Props = {
  rows: ScannedKeyJson[];
  selected: JsonBytes | null;
  onOpen: (key: JsonBytes) => void;
  /** Type and TTL of a row, also for rows listed without them (names-only walks). */
  metaOf: (row: ScannedKeyJson) => RowMeta;
  onVisible?: (rows: ScannedKeyJson[]) => void;
  /** MEMORY USAGE of a row: undefined while not measured, null when Redis could not say. */
  memoryOf: (row: ScannedKeyJson) => number | null | undefined;
  sort: MemorySort;
  /** Sorting in progress (the loaded rows are being measured). */
  sorting: boolean;
  onSort: (sort: MemorySort) => void;
  /** The list's focusable element (the filter's ↓ moves here). */
  listRef?: RefObject<HTMLDivElement | null>;
};

const NEXT_SORT: Record<string, MemorySort> = { null: "desc", desc: "asc", asc: null };

/** The flat key list: only the rows on screen are in the DOM, so 200k rows scroll smoothly. */
export function KeyList(props: Props) {
  const { rows, selected, onOpen, metaOf, onVisible, memoryOf, sort, sorting, onSort } = props;
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const [focused, setFocused] = useState(false);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const open = (i: number) => {
    const row = rows[i];
    if (row) onOpen(row.key);
  };
  const { active, setActive, onKeyDown } = useListKeyboard(rows.length, open, (i) =>
    virtualizer.scrollToIndex(i),
  );
  const selectedId = selected === null ? null : keyId(selected);
  const rowAt = useCallback((i: number) => rows[i], [rows]);
  useReportVisible(virtualizer, rowAt, onVisible);
  const sortLabel =
    sort === "desc" ? "largest first" : sort === "asc" ? "smallest first" : "not sorted";
  return (
    <>
      <div className="flex items-center gap-2 border-b border-zinc-200 px-3 py-1 text-[11px] text-zinc-500 uppercase tracking-wide dark:border-zinc-800 dark:text-zinc-400">
        <span className="flex-1">Key</span>
        <button
          type="button"
          onClick={() => onSort(NEXT_SORT[String(sort)] ?? null)}
          aria-label={`Sort by memory (${sortLabel})`}
          title="Sort the loaded rows by MEMORY USAGE (measures up to 5,000 of them)"
          className="flex w-[4.75rem] items-center justify-end gap-0.5 uppercase hover:text-zinc-800 dark:hover:text-zinc-200"
          data-testid="sort-memory"
        >
          Memory
          <span aria-hidden className="w-2.5 text-center">
            {sorting ? "…" : sort === "desc" ? "↓" : sort === "asc" ? "↑" : ""}
          </span>
        </button>
        <span className="w-14 text-right">TTL</span>
      </div>
      <div
        ref={(el) => {
          scrollRef.current = el;
          if (props.listRef) props.listRef.current = el;
        }}
        role="listbox"
        aria-label="Keys"
        aria-activedescendant={rows.length ? `key-row-${active}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        data-testid="key-list"
        className="min-h-0 flex-1 overflow-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-indigo-500/40"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index] as ScannedKeyJson;
            const meta = metaOf(row);
            const isSelected = selectedId !== null && keyId(row.key) === selectedId;
            // The focused row shows its whole name, wrapped, over the rows below it.
            const expanded = focused && item.index === active;
            return (
              // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/useFocusableInteractive: the list container owns focus and keys (aria-activedescendant)
              <div
                key={item.key}
                id={`key-row-${item.index}`}
                role="option"
                aria-selected={isSelected}
                data-testid="key-row"
                onClick={() => {
                  setActive(item.index);
                  onOpen(row.key);
                }}
                className={cn(
                  "absolute inset-x-0 flex cursor-pointer items-center gap-2 border-b border-zinc-100 px-3 text-sm dark:border-zinc-900",
                  isSelected
                    ? "bg-indigo-50 dark:bg-indigo-950/60"
                    : "hover:bg-zinc-50 dark:hover:bg-zinc-900",
                  item.index === active &&
                    "outline outline-1 -outline-offset-1 outline-indigo-400/60",
                  expanded && "z-10 py-1.5 shadow-md",
                  expanded && !isSelected && "bg-white dark:bg-zinc-950",
                )}
                style={{
                  top: item.start,
                  ...(expanded ? { minHeight: ROW_HEIGHT } : { height: ROW_HEIGHT }),
                }}
              >
                <TypeBadge type={meta.type} />
                <KeyName
                  value={row.key}
                  middle
                  expanded={expanded}
                  className="min-w-0 flex-1 truncate text-[13px]"
                />
                <MemoryCell bytes={memoryOf(row)} />
                <span className="flex w-14 shrink-0 justify-end">
                  <TtlCell ttl={meta.ttl} />
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}

function MemoryCell({ bytes }: { bytes: number | null | undefined }) {
  return (
    <span
      className="w-16 shrink-0 text-right font-mono text-xs text-zinc-500 tabular-nums dark:text-zinc-400"
      data-testid="memory-cell"
      title={bytes == null ? undefined : `${formatCount(bytes)} bytes (MEMORY USAGE)`}
    >
      {bytes === undefined ? "" : bytes === null ? "—" : formatBytes(bytes)}
    </span>
  );
}
