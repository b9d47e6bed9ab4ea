"use client";
import { useState } from "react";
import { formatClock } from "@/components/overview/time-chart";
import { cn } from "@/components/ui/cn";
import { formatAgo } from "@/lib/format";
import type { SlowlogEntry } from "@/lib/schemas/diagnostics";
import { commandText, formatDuration } from "./command-text";

/** Commands longer than this are cut; a click on the row shows the whole line. */
const SHOWN_CHARS = 240;

function CommandCell({ entry }: { entry: SlowlogEntry }) {
  const [open, setOpen] = useState(false);
  const text = commandText(entry.args);
  const cut = text.length > SHOWN_CHARS && !open;
  return (
    <td className="max-w-0 py-1.5 pr-3 font-mono text-xs">
      <button
        type="button"
        className={cn("w-full text-left break-all", cut && "cursor-zoom-in")}
        title={cut ? "Show the whole command" : undefined}
        onClick={() => setOpen((o) => !o)}
        data-testid="slowlog-command"
      >
        {cut ? `${text.slice(0, SHOWN_CHARS)}…` : text}
      </button>
    </td>
  );
}

export function SlowlogTable({
  entries,
  unit,
}: {
  entries: readonly SlowlogEntry[];
  unit: "us" | "ms";
}) {
  // On a cluster entries come from every node, each with its own ids: a node column.
  const cluster = entries.some((e) => e.node !== undefined);
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full table-fixed text-sm" data-testid="slowlog-table">
        <thead className="bg-zinc-50 text-left text-xs text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th className="w-16 px-3 py-2 font-medium">#</th>
            {cluster && <th className="w-36 py-2 pr-3 font-medium">Node</th>}
            <th className="w-40 py-2 pr-3 font-medium">Time</th>
            <th className="w-32 py-2 pr-3 text-right font-medium">Duration</th>
            <th className="py-2 pr-3 font-medium">Command</th>
            <th className="w-56 py-2 pr-3 font-medium">Client</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr
              key={`${e.node ?? ""}/${e.id}`}
              className="border-t border-zinc-100 align-top dark:border-zinc-800"
              data-testid="slowlog-row"
            >
              <td className="px-3 py-1.5 font-mono text-xs text-zinc-500">{e.id}</td>
              {cluster && (
                <td className="truncate py-1.5 pr-3 font-mono text-xs" data-testid="slowlog-node">
                  {e.node}
                </td>
              )}
              <td
                className="py-1.5 pr-3 text-xs tabular-nums"
                title={new Date(e.time * 1000).toISOString()}
              >
                <div>{formatClock(e.time)}</div>
                <div className="text-zinc-500 dark:text-zinc-400">{formatAgo(e.time)}</div>
              </td>
              <td className="py-1.5 pr-3 text-right font-mono text-xs tabular-nums">
                {formatDuration(e.durationUs, unit)}
              </td>
              <CommandCell entry={e} />
              <td className="py-1.5 pr-3 text-xs">
                <div className="truncate font-mono">{e.client || "—"}</div>
                {e.clientName && (
                  <div className="truncate text-zinc-500 dark:text-zinc-400">{e.clientName}</div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
