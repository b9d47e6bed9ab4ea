"use client";
import { type RefObject, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input, Select } from "@/components/ui/input";
import type { BrowserView } from "@/hooks/use-browser-url";
import { globFor } from "@/lib/format";
import { TypeOptions } from "./type-options";

type Props = {
  conn: string;
  db: number;
  match: string;
  type: string;
  view: BrowserView;
  delimiter: string;
  inputRef: RefObject<HTMLInputElement | null>;
  onChange: (patch: {
    match?: string;
    type?: string;
    view?: BrowserView;
    delimiter?: string;
  }) => void;
  onRefresh: () => void;
  /** ↓ in the filter: move into the list. */
  onArrowDown: () => void;
  /** Enter in the filter: apply it now and open the first match. */
  onSubmit: (glob: string) => void;
  /** Extra buttons after refresh (e.g. "New key"). */
  actions?: React.ReactNode;
};

/** Glob filter (a bare prefix gets `*`), type filter, list/tree switch and tree delimiter. */
export function FilterBar({
  conn,
  db,
  match,
  type,
  view,
  delimiter,
  inputRef,
  onChange,
  onRefresh,
  onArrowDown,
  onSubmit,
  actions,
}: Props) {
  const [text, setText] = useState(match);
  // Follow the URL when it changes from outside (back button, a shared link).
  useEffect(() => setText((t) => (globFor(t) === match ? t : match)), [match]);
  useEffect(() => {
    const glob = globFor(text);
    if (glob === match) return;
    const timer = setTimeout(() => onChange({ match: glob }), 300);
    return () => clearTimeout(timer);
  }, [text, match, onChange]);
  const glob = globFor(text);
  return (
    <div className="flex flex-col gap-2 border-b border-zinc-200 p-3 dark:border-zinc-800">
      <div className="flex gap-2">
        <div className="relative min-w-0 flex-1">
          <Input
            ref={inputRef}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                onChange({ match: glob });
                onSubmit(glob);
              }
              if (e.key === "Escape") setText("");
              if (e.key === "ArrowDown") {
                e.preventDefault();
                onArrowDown();
              }
            }}
            placeholder="Filter keys: user:42 or *session*   ( / )"
            aria-label="Filter keys (glob)"
            spellCheck={false}
            className="w-full font-mono"
          />
        </div>
        <Select
          value={type}
          onChange={(e) => onChange({ type: e.target.value })}
          aria-label="Filter by type"
          className="w-32"
        >
          <TypeOptions conn={conn} db={db} value={type} anyLabel="All types" />
        </Select>
        <Button
          variant="ghost"
          onClick={onRefresh}
          aria-label="Scan again from the start"
          title="Scan again from the start"
        >
          ↻
        </Button>
      </div>
      <div className="flex items-center gap-2 text-xs text-zinc-500">
        <div
          className="inline-flex rounded-md border border-zinc-300 p-0.5 dark:border-zinc-700"
          role="group"
          aria-label="View"
        >
          {(["list", "tree"] as const).map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={view === v}
              onClick={() => onChange({ view: v })}
              className={cn(
                "rounded px-2 py-0.5 capitalize",
                view === v
                  ? "bg-zinc-200 text-zinc-900 dark:bg-zinc-700 dark:text-zinc-100"
                  : "hover:text-zinc-800 dark:hover:text-zinc-200",
              )}
            >
              {v}
            </button>
          ))}
        </div>
        {view === "tree" && (
          <label className="flex items-center gap-1">
            delimiter
            <Input
              value={delimiter}
              onChange={(e) => onChange({ delimiter: e.target.value })}
              aria-label="Namespace delimiter"
              className="h-6 w-10 px-1 text-center font-mono text-xs"
            />
          </label>
        )}
        <span className="ml-auto min-w-0 truncate">
          {glob ? (
            <>
              SCAN MATCH <code className="font-mono text-zinc-700 dark:text-zinc-300">{glob}</code>
            </>
          ) : (
            "All keys"
          )}
        </span>
        {actions && <div className="flex shrink-0 items-center gap-1">{actions}</div>}
      </div>
    </div>
  );
}
