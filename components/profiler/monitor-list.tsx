"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { ShownLine } from "@/hooks/use-profiler";

// The lines as they arrive, virtualised (only the rows on screen are in the DOM). It follows the
// newest line until the user scrolls up, and offers to jump back down.

const ROW_HEIGHT = 24;

function clock(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(Math.floor((ms % 1000) * 1000), 6)}`;
}

// On a cluster a Node column between Client and Command says whose MONITOR printed the line.
const COLUMNS = "grid-cols-[8.5rem_2.5rem_10rem_1fr]";
const COLUMNS_NODE = "grid-cols-[8.5rem_2.5rem_10rem_9rem_1fr]";

export function MonitorList({
  lines,
  version,
  showNode,
}: {
  lines: ShownLine[];
  version: number;
  showNode: boolean;
}) {
  const columns = showNode ? COLUMNS_NODE : COLUMNS;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
    getItemKey: (i) => lines[i]?.seq ?? i,
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: version is what changes when lines grow
  useLayoutEffect(() => {
    if (follow && lines.length > 0) virtualizer.scrollToIndex(lines.length - 1, { align: "end" });
  }, [version, follow]);

  // Scrolling up stops following; back at the bottom it follows again.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onScroll = () => {
      const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 2;
      setFollow(atBottom);
    };
    el.addEventListener("scroll", onScroll, { passive: true });
    return () => el.removeEventListener("scroll", onScroll);
  }, []);

  return (
    <div className="relative flex min-h-0 flex-1 flex-col rounded-md border border-zinc-200 dark:border-zinc-800">
      <div
        className={`grid shrink-0 ${columns} gap-2 border-b border-zinc-200 bg-zinc-50 px-3 py-1 text-xs font-medium text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400`}
        aria-hidden
      >
        <span>Time</span>
        <span>DB</span>
        <span>Client</span>
        {showNode && <span>Node</span>}
        <span>Command</span>
      </div>
      <div
        ref={scrollRef}
        className="min-h-0 flex-1 overflow-auto font-mono text-xs"
        data-testid="monitor-list"
        role="log"
        aria-live="off"
      >
        <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const line = lines[item.index] as ShownLine;
            return (
              <div
                key={item.key}
                data-testid="monitor-line"
                className={`absolute inset-x-0 grid ${columns} items-center gap-2 border-b border-zinc-100 px-3 whitespace-nowrap dark:border-zinc-900`}
                style={{ top: item.start, height: ROW_HEIGHT }}
              >
                <span className="text-zinc-500 dark:text-zinc-400">{clock(line.time)}</span>
                <span className="text-zinc-500 dark:text-zinc-400">{line.db}</span>
                <span className="truncate text-zinc-600 dark:text-zinc-300" title={line.client}>
                  {line.client}
                </span>
                {showNode && (
                  <span
                    className="truncate text-teal-700 dark:text-teal-300"
                    title={line.node}
                    data-testid="monitor-node"
                  >
                    {line.node}
                  </span>
                )}
                <span className="truncate text-zinc-900 dark:text-zinc-100" title={line.text}>
                  <span className="font-semibold text-indigo-700 dark:text-indigo-300">
                    {line.command}
                  </span>{" "}
                  {line.rest}
                  {line.truncated && <span className="ml-1 text-amber-600">(cut at 1 MiB)</span>}
                </span>
              </div>
            );
          })}
        </div>
      </div>
      {!follow && lines.length > 0 && (
        <Button
          size="sm"
          variant="primary"
          className="absolute right-4 bottom-3 shadow"
          onClick={() => {
            setFollow(true);
            virtualizer.scrollToIndex(lines.length - 1, { align: "end" });
          }}
        >
          Jump to latest
        </Button>
      )}
    </div>
  );
}
