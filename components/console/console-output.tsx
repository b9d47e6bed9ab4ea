"use client";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ConsoleEntry } from "@/hooks/use-console";
import { formatReply, isRawTextCommand } from "@/lib/cli/reply-text";
import { splitArgs } from "@/lib/cli/split-args";
import { MAX_LIMIT, MAX_LIMIT_BYTES } from "@/lib/schemas/cli";

const decoder = new TextDecoder();

function wordsOf(line: string): string[] {
  const split = splitArgs(line);
  return split.ok ? split.args.slice(0, 2).map((a) => decoder.decode(a)) : [];
}

/** What was run and what came back, as redis-cli prints it; the newest entry kept in view. */
export function ConsoleOutput({
  entries,
  canRerun,
  onMore,
}: {
  entries: readonly ConsoleEntry[];
  /** Whether a cut reply may be asked again with a higher limit (reads only: never re-run a write). */
  canRerun: (line: string) => boolean;
  onMore: (entry: ConsoleEntry) => void;
}) {
  const end = useRef<HTMLDivElement>(null);
  const last = entries[entries.length - 1];
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when the newest entry changes
  useEffect(() => {
    end.current?.scrollIntoView({ block: "end" });
  }, [last?.id, last?.pending]);
  return (
    <div
      className="min-h-0 flex-1 overflow-auto px-3 py-2 font-mono text-xs leading-5"
      data-testid="console-output"
    >
      {entries.map((e) => (
        <div key={e.id} className="mb-2" data-testid="console-entry">
          <div className="flex items-baseline gap-2 text-zinc-500 dark:text-zinc-400">
            <span className="select-none text-indigo-600 dark:text-indigo-400">db{e.db}&gt;</span>
            <span className="min-w-0 flex-1 break-all text-zinc-900 dark:text-zinc-100">
              {e.line}
            </span>
            {e.result?.node && (
              <span
                className="shrink-0 rounded bg-teal-50 px-1 text-teal-800 dark:bg-teal-950 dark:text-teal-300"
                title={e.node ? "The node picked" : "The master that owns the command's keys"}
                data-testid="console-node-answer"
              >
                {e.node ? "" : "→ "}
                {e.result.node}
              </span>
            )}
            {e.result && (
              <span className="shrink-0 tabular-nums" title="Time at the server's side of Keyscope">
                {e.result.durationMs.toFixed(e.result.durationMs < 10 ? 2 : 0)} ms
              </span>
            )}
          </div>
          {e.pending && <div className="text-zinc-400">…</div>}
          {e.error && (
            <div
              role="alert"
              className={cn(
                "whitespace-pre-wrap",
                e.error.code === "CONFIRMATION_REQUIRED"
                  ? "text-amber-700 dark:text-amber-400"
                  : "text-red-600 dark:text-red-400",
              )}
            >
              {e.error.code === "CONFIRMATION_REQUIRED"
                ? "(not run) A dangerous command: it runs once you type its name in the dialog."
                : `(${e.error.code}) ${e.error.message}`}
            </div>
          )}
          {e.result && (
            <pre
              className={cn(
                "whitespace-pre-wrap break-all",
                e.result.reply.type === "error" && "text-red-600 dark:text-red-400",
              )}
            >
              {formatReply(e.result.reply, { raw: isRawTextCommand(wordsOf(e.line)) })}
            </pre>
          )}
          {e.result?.truncated && (
            <div className="mt-1 flex items-center gap-2 text-amber-700 dark:text-amber-400">
              <span>
                Reply cut at {e.limit.toLocaleString()} elements /{" "}
                {(e.limitBytes / 1024).toLocaleString()} KiB.
              </span>
              {canRerun(e.line) && e.limit < MAX_LIMIT && e.limitBytes < MAX_LIMIT_BYTES ? (
                <Button size="sm" variant="secondary" onClick={() => onMore(e)}>
                  Show more
                </Button>
              ) : (
                <span className="text-zinc-500">
                  Narrow the command (a range, COUNT) to see the rest.
                </span>
              )}
            </div>
          )}
        </div>
      ))}
      <div ref={end} />
    </div>
  );
}
