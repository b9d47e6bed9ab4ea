"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import { type RefObject, useCallback, useMemo, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import type { RowMeta } from "@/hooks/use-row-meta";
import { displayJsonBytes, type JsonBytes, keyId } from "@/lib/bytes";
import { formatCount } from "@/lib/format";
import type { ScannedKeyJson } from "@/lib/schemas/keys";
import { ROW_HEIGHT, useListKeyboard } from "./key-list";
import { buildTree, flattenTree, type TreeLine } from "./key-tree-model";
import { TtlCell } from "./ttl-cell";
import { TypeBadge } from "./type-badge";
import { useReportVisible } from "./visible-rows";

type Props = {
  rows: ScannedKeyJson[];
  delimiter: string;
  selected: JsonBytes | null;
  onOpen: (key: JsonBytes) => void;
  metaOf: (row: ScannedKeyJson) => RowMeta;
  onVisible?: (rows: ScannedKeyJson[]) => void;
  /** The tree's focusable element (the filter's ↓ moves here). */
  listRef?: RefObject<HTMLDivElement | null>;
};

// A key that starts with the delimiter (django-redis's ":1:views…", KEY_PREFIX:VERSION:key with
// no KEY_PREFIX) or has two in a row makes an empty segment: name it for what it is.
const EMPTY_SEGMENT = "(no prefix)";
const EMPTY_SEGMENT_TITLE =
  "An empty segment: these keys start with the delimiter (or have two in a row). django-redis " +
  "names keys KEY_PREFIX:VERSION:key, so with no KEY_PREFIX they start with :1:.";

function Segment({ name }: { name: string }) {
  if (name !== "") return <>{name}</>;
  return (
    <em className="text-zinc-500 not-italic dark:text-zinc-400" title={EMPTY_SEGMENT_TITLE}>
      {EMPTY_SEGMENT}
    </em>
  );
}

/** Keys grouped into namespaces; folders open and close with a click, Enter or →/←. */
export function KeyTree({ rows, delimiter, selected, onOpen, metaOf, onVisible, listRef }: Props) {
  const [open, setOpen] = useState<Set<string>>(() => new Set());
  const tree = useMemo(() => buildTree(rows, delimiter), [rows, delimiter]);
  const lines = useMemo(() => flattenTree(tree, open, delimiter), [tree, open, delimiter]);
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const toggle = (path: string, to?: boolean) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (to ?? !next.has(path)) next.add(path);
      else next.delete(path);
      return next;
    });
  const activate = (i: number) => {
    const line = lines[i];
    if (line?.kind === "folder") toggle(line.path);
    else if (line) onOpen(line.row.key);
  };
  const keyboard = useListKeyboard(lines.length, activate, (i) => virtualizer.scrollToIndex(i));
  const selectedId = selected === null ? null : keyId(selected);
  const rowAt = useCallback(
    (i: number) => {
      const line = lines[i];
      return line?.kind === "key" ? line.row : undefined;
    },
    [lines],
  );
  useReportVisible(virtualizer, rowAt, onVisible);
  return (
    <div
      ref={(el) => {
        scrollRef.current = el;
        if (listRef) listRef.current = el;
      }}
      role="tree"
      aria-label="Keys by namespace"
      tabIndex={0}
      data-testid="key-tree"
      onKeyDown={(e) => {
        const line = lines[keyboard.active];
        if (line?.kind === "folder" && (e.key === "ArrowRight" || e.key === "ArrowLeft")) {
          e.preventDefault();
          toggle(line.path, e.key === "ArrowRight");
          return;
        }
        keyboard.onKeyDown(e);
      }}
      className="min-h-0 flex-1 overflow-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-indigo-500/40"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {virtualizer.getVirtualItems().map((item) => {
          const line = lines[item.index] as TreeLine;
          const isSelected =
            line.kind === "key" && selectedId !== null && keyId(line.row.key) === selectedId;
          return (
            // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/useFocusableInteractive: the list container owns focus and keys (aria-activedescendant)
            <div
              key={item.key}
              role="treeitem"
              aria-expanded={line.kind === "folder" ? line.open : undefined}
              aria-selected={isSelected}
              data-testid={line.kind === "folder" ? "tree-folder" : "key-row"}
              onClick={() => {
                keyboard.setActive(item.index);
                activate(item.index);
              }}
              className={cn(
                "absolute inset-x-0 flex cursor-pointer items-center gap-2 border-b border-zinc-100 pr-3 text-sm dark:border-zinc-900",
                isSelected
                  ? "bg-indigo-50 dark:bg-indigo-950/60"
                  : "hover:bg-zinc-50 dark:hover:bg-zinc-900",
                item.index === keyboard.active &&
                  "outline outline-1 -outline-offset-1 outline-indigo-400/60",
              )}
              style={{ top: item.start, height: ROW_HEIGHT, paddingLeft: 12 + line.depth * 16 }}
            >
              {line.kind === "folder" ? (
                <>
                  <span aria-hidden className="w-3 text-xs text-zinc-500">
                    {line.open ? "▾" : "▸"}
                  </span>
                  <span className="min-w-0 flex-1 truncate font-mono text-[13px] font-medium">
                    <Segment name={line.name} />
                    {delimiter}
                  </span>
                  <span className="shrink-0 rounded bg-zinc-100 px-1.5 text-xs text-zinc-600 tabular-nums dark:bg-zinc-800 dark:text-zinc-400">
                    {formatCount(line.count)}
                  </span>
                </>
              ) : (
                <>
                  <TypeBadge type={metaOf(line.row).type} />
                  <span
                    className="min-w-0 flex-1 truncate font-mono text-[13px]"
                    title={displayJsonBytes(line.row.key)}
                  >
                    {line.name || <em className="text-zinc-400">(empty name)</em>}
                  </span>
                  <TtlCell ttl={metaOf(line.row).ttl} />
                </>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
