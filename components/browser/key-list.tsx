"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import type { RowMeta } from "@/hooks/use-row-meta";
import { type JsonBytes, keyId } from "@/lib/bytes";
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

type Props = {
  rows: ScannedKeyJson[];
  selected: JsonBytes | null;
  onOpen: (key: JsonBytes) => void;
  /** Type and TTL of a row, also for rows listed without them (names-only walks). */
  metaOf: (row: ScannedKeyJson) => RowMeta;
  onVisible?: (rows: ScannedKeyJson[]) => void;
};

/** The flat key list: only the rows on screen are in the DOM, so 200k rows scroll smoothly. */
export function KeyList({ rows, selected, onOpen, metaOf, onVisible }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
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
  return (
    <div
      ref={scrollRef}
      role="listbox"
      aria-label="Keys"
      aria-activedescendant={rows.length ? `key-row-${active}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="key-list"
      className="min-h-0 flex-1 overflow-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-indigo-500/40"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index] as ScannedKeyJson;
          const meta = metaOf(row);
          const isSelected = selectedId !== null && keyId(row.key) === selectedId;
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
              )}
              style={{ top: item.start, height: ROW_HEIGHT }}
            >
              <TypeBadge type={meta.type} />
              <KeyName value={row.key} className="min-w-0 flex-1 truncate text-[13px]" />
              <TtlCell ttl={meta.ttl} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
