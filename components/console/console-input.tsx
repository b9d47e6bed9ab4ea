"use client";
import { type KeyboardEvent, type ReactNode, useState } from "react";
import { argumentSyntax, commandOf, commonPrefix, completions } from "@/lib/cli/command-help";
import type { CommandDoc } from "@/lib/schemas/cli";

/**
 * The prompt: Enter runs, ↑/↓ walk the history, Tab completes command names (and a container's
 * subcommands), Ctrl+L clears; the line under it is the command's help from COMMAND DOCS.
 */
export function ConsoleInput({
  db,
  docs,
  onRun,
  onClear,
  stepHistory,
  autoFocus,
  node,
  nodePicker,
}: {
  db: number;
  docs: readonly CommandDoc[];
  onRun: (line: string) => void;
  onClear: () => void;
  stepHistory: (dir: -1 | 1) => string | null;
  autoFocus?: boolean;
  /** The cluster node commands go to, shown in the prompt; undefined when routed by key. */
  node?: string;
  /** On a cluster: where to pick that node, beside the prompt. */
  nodePicker?: ReactNode;
}) {
  const [line, setLine] = useState("");
  const [candidates, setCandidates] = useState<string[]>([]);
  const words = line.trimStart().split(/\s+/).filter(Boolean);
  const doc = words.length > 0 ? commandOf(words, docs) : undefined;

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      if (line.trim() === "") return;
      onRun(line);
      setLine("");
      setCandidates([]);
    } else if (e.key === "ArrowUp" || e.key === "ArrowDown") {
      const next = stepHistory(e.key === "ArrowUp" ? -1 : 1);
      if (next !== null) {
        e.preventDefault();
        setLine(next);
      }
    } else if (e.key === "Tab" && !e.shiftKey && line.trim() !== "") {
      e.preventDefault();
      const found = completions(line, docs);
      if (found.length === 0) return;
      const lead = line.match(/^\s*/)?.[0] ?? "";
      const completed = found.length === 1 ? `${found[0]} ` : commonPrefix(found);
      if (completed.trim().length >= line.trim().length) setLine(lead + completed);
      setCandidates(found.length > 1 ? found.slice(0, 40) : []);
    } else if (e.key === "l" && e.ctrlKey) {
      e.preventDefault();
      onClear();
    }
  };

  return (
    <div className="border-t border-zinc-200 px-3 py-2 dark:border-zinc-800">
      <div className="flex items-center gap-2 font-mono text-xs">
        <span className="select-none text-indigo-600 dark:text-indigo-400">
          {node ?? `db${db}`}&gt;
        </span>
        <input
          aria-label="Command"
          // biome-ignore lint/a11y/noAutofocus: the console is where the user types next
          autoFocus={autoFocus}
          spellCheck={false}
          autoComplete="off"
          value={line}
          onChange={(e) => {
            setLine(e.target.value);
            setCandidates([]);
          }}
          onKeyDown={onKeyDown}
          placeholder="Type a command, e.g. GET key — Tab completes, ↑ recalls"
          className="min-w-0 flex-1 bg-transparent py-1 text-zinc-900 outline-none placeholder:text-zinc-400 dark:text-zinc-100"
        />
        {nodePicker}
      </div>
      <div
        className="mt-1 min-h-4 truncate font-mono text-[11px] text-zinc-500 dark:text-zinc-400"
        data-testid="console-help"
      >
        {candidates.length > 0
          ? candidates.join("  ")
          : doc && (
              <>
                <span className="text-zinc-800 dark:text-zinc-200">
                  {doc.name} {argumentSyntax(doc.arguments)}
                </span>
                {doc.summary && ` — ${doc.summary}`}
                {doc.complexity && ` · ${doc.complexity}`}
                {doc.since && ` · since ${doc.since}`}
              </>
            )}
      </div>
    </div>
  );
}
