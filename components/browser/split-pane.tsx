"use client";
import { type KeyboardEvent, type PointerEvent, useEffect, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";

// The key browser's two panes with a handle between them: drag it, or focus it and use ←/→
// (Home/End for the limits). The width is remembered in localStorage, read after mount: the
// server renders the default, so the first client render matches it (no hydration mismatch).

const STORAGE_KEY = "keyscope.split";
export const SPLIT_DEFAULT = 44;
const MIN = 20;
const MAX = 75;
const STEP = 2;

const clamp = (n: number) => Math.min(MAX, Math.max(MIN, Math.round(n * 10) / 10));

function readStored(): number | null {
  try {
    const n = Number(window.localStorage.getItem(STORAGE_KEY));
    return Number.isFinite(n) && n > 0 ? clamp(n) : null;
  } catch {
    return null; // storage refused (privacy mode): the default it is
  }
}

export function SplitPane({
  left,
  right,
  leftLabel,
}: {
  left: React.ReactNode;
  right: React.ReactNode;
  /** What the left pane holds, for the handle's label. */
  leftLabel: string;
}) {
  const [percent, setPercent] = useState(SPLIT_DEFAULT);
  const box = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);

  useEffect(() => {
    const stored = readStored();
    if (stored !== null) setPercent(stored);
  }, []);

  const set = (n: number) => {
    const next = clamp(n);
    setPercent(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, String(next));
    } catch {}
  };

  const fromPointer = (e: PointerEvent) => {
    const rect = box.current?.getBoundingClientRect();
    if (rect && rect.width > 0) set(((e.clientX - rect.left) / rect.width) * 100);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowLeft: percent - STEP,
      ArrowRight: percent + STEP,
      Home: MIN,
      End: MAX,
    };
    const to = moves[e.key];
    if (to === undefined) return;
    e.preventDefault();
    set(to);
  };

  return (
    <div ref={box} className="flex min-h-0 flex-1">
      <div className="flex min-w-72 flex-col" style={{ width: `${percent}%` }}>
        {left}
      </div>
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label={`Resize: ${leftLabel} pane width`}
        aria-valuemin={MIN}
        aria-valuemax={MAX}
        aria-valuenow={percent}
        tabIndex={0}
        data-testid="split-handle"
        onKeyDown={onKeyDown}
        onDoubleClick={() => set(SPLIT_DEFAULT)}
        onPointerDown={(e) => {
          dragging.current = true;
          e.currentTarget.setPointerCapture(e.pointerId);
        }}
        onPointerMove={(e) => dragging.current && fromPointer(e)}
        onPointerUp={(e) => {
          dragging.current = false;
          e.currentTarget.releasePointerCapture(e.pointerId);
        }}
        title="Drag, or focus and use ←/→, to resize; double-click to reset"
        className={cn(
          "relative w-1 shrink-0 cursor-col-resize touch-none bg-zinc-200 transition-colors dark:bg-zinc-800",
          "hover:bg-indigo-400/60 focus-visible:bg-indigo-500 focus-visible:outline-none",
        )}
      />
      <div className="min-w-0 flex-1 overflow-auto">{right}</div>
    </div>
  );
}
