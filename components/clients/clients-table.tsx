"use client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { formatBytes, formatTtl } from "@/lib/format";
import type { ClientRow } from "@/lib/schemas/diagnostics";
import type { Sort, SortKey } from "./client-rows";

type Column = { key: SortKey; label: string; numeric?: boolean; className?: string };

const COLUMNS: Column[] = [
  { key: "id", label: "ID", numeric: true, className: "w-16" },
  { key: "addr", label: "Address", className: "w-40" },
  { key: "name", label: "Name", className: "w-44" },
  { key: "ageSeconds", label: "Age", numeric: true, className: "w-20" },
  { key: "idleSeconds", label: "Idle", numeric: true, className: "w-20" },
  { key: "db", label: "DB", numeric: true, className: "w-12" },
  { key: "cmd", label: "Last command", className: "w-32" },
  { key: "flags", label: "Flags", className: "w-16" },
  { key: "user", label: "User", className: "w-24" },
  { key: "memoryBytes", label: "Memory", numeric: true, className: "w-20" },
];

// On a cluster the rows come from every node: a node column first (client ids are per node).
const NODE_COLUMN: Column = { key: "node", label: "Node", className: "w-36" };

const seconds = (s: number) => formatTtl(s) || "0s";

export function ClientsTable({
  rows,
  sort,
  onSort,
  onKill,
}: {
  rows: readonly ClientRow[];
  sort: Sort;
  onSort: (key: SortKey) => void;
  /** Absent when writes are not allowed: no kill buttons. */
  onKill?: (c: ClientRow) => void;
}) {
  const cluster = rows.some((c) => c.node !== undefined);
  const columns = cluster ? [NODE_COLUMN, ...COLUMNS] : COLUMNS;
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full min-w-[1000px] table-fixed text-sm" data-testid="clients-table">
        <thead className="bg-zinc-50 text-left text-xs text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            {columns.map((c) => {
              const active = sort.key === c.key;
              return (
                <th
                  key={c.key}
                  className={cn("px-2 py-2 font-medium", c.numeric && "text-right", c.className)}
                  aria-sort={active ? (sort.desc ? "descending" : "ascending") : "none"}
                >
                  <button
                    type="button"
                    onClick={() => onSort(c.key)}
                    className={cn(
                      "hover:text-zinc-900 dark:hover:text-zinc-100",
                      active && "text-zinc-900 dark:text-zinc-100",
                    )}
                  >
                    {c.label}
                    {active && <span aria-hidden>{sort.desc ? " ▾" : " ▴"}</span>}
                  </button>
                </th>
              );
            })}
            {onKill && <th className="w-16 px-2 py-2" aria-label="Actions" />}
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr
              key={`${c.node ?? ""}/${c.id}`}
              data-testid="client-row"
              data-self={c.self || undefined}
              className={cn(
                "border-t border-zinc-100 dark:border-zinc-800",
                c.self && "bg-indigo-50/60 dark:bg-indigo-950/30",
              )}
            >
              {cluster && (
                <td className="truncate px-2 py-1.5 font-mono text-xs" data-testid="client-node">
                  {c.node ?? "—"}
                </td>
              )}
              <td className="px-2 py-1.5 text-right font-mono text-xs text-zinc-500">{c.id}</td>
              <td className="truncate px-2 py-1.5 font-mono text-xs" title={c.addr}>
                {c.addr}
              </td>
              <td className="px-2 py-1.5 text-xs">
                <div className="flex min-w-0 items-center gap-1">
                  <span className="truncate font-mono" title={c.name}>
                    {c.name || <span className="text-zinc-400">—</span>}
                  </span>
                  {c.self && <Badge tone="violet">Keyscope</Badge>}
                </div>
              </td>
              <td className="px-2 py-1.5 text-right text-xs tabular-nums">
                {seconds(c.ageSeconds)}
              </td>
              <td className="px-2 py-1.5 text-right text-xs tabular-nums">
                {seconds(c.idleSeconds)}
              </td>
              <td className="px-2 py-1.5 text-right font-mono text-xs">{c.db}</td>
              <td className="truncate px-2 py-1.5 font-mono text-xs" title={c.cmd}>
                {c.cmd}
              </td>
              <td className="px-2 py-1.5 font-mono text-xs">{c.flags}</td>
              <td className="truncate px-2 py-1.5 font-mono text-xs">{c.user ?? "—"}</td>
              <td className="px-2 py-1.5 text-right text-xs tabular-nums">
                {formatBytes(c.memoryBytes)}
              </td>
              {onKill && (
                <td className="px-2 py-1 text-right">
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Kill client ${c.id}`}
                    onClick={() => onKill(c)}
                  >
                    Kill
                  </Button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
