"use client";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { TableShell, TD, TH } from "@/components/ui/table";
import { formatBytes, formatCount, formatPercent, formatRate } from "@/lib/format";
import type { ClusterNodeView } from "@/lib/schemas/cluster";
import { colorOf, rangesText, slotCount } from "./slot-map";

const dash = "—";
const num = (n: number | null, f: (n: number) => string = formatCount) =>
  n === null ? dash : f(n);

function lag(n: ClusterNodeView): string {
  if (n.role !== "replica") return dash;
  const parts = [];
  if (n.lagBytes !== null) parts.push(`${formatCount(n.lagBytes)} B`);
  if (n.lagSeconds !== null) parts.push(`${n.lagSeconds}s`);
  return parts.join(" · ") || dash;
}

/** Every node, each master followed by its replicas, with its health figures. */
export function NodesTable({ nodes }: { nodes: ClusterNodeView[] }) {
  const masterIndex = new Map(
    nodes.filter((n) => n.role === "master").map((m, i) => [m.id, i] as const),
  );
  return (
    <TableShell
      testId="cluster-nodes"
      head={
        <>
          <th className={TH}>Node</th>
          <th className={TH}>Role</th>
          <th className={TH}>Slots</th>
          <th className={cn(TH, "text-right")}>Keys</th>
          <th className={cn(TH, "text-right")}>Memory</th>
          <th className={cn(TH, "text-right")}>Ops/s</th>
          <th className={cn(TH, "text-right")}>Hit ratio</th>
          <th className={cn(TH, "text-right")}>Clients</th>
          <th className={TH}>Link</th>
          <th className={cn(TH, "text-right")}>Repl. offset</th>
          <th className={cn(TH, "text-right")}>Lag</th>
        </>
      }
    >
      <tbody className="divide-y divide-zinc-100 font-mono text-xs tabular-nums dark:divide-zinc-800">
        {nodes.map((n) => {
          const index = masterIndex.get(n.role === "master" ? n.id : (n.masterId ?? ""));
          return (
            <tr
              key={n.id}
              data-testid="cluster-node"
              data-role={n.role}
              data-error={n.error ? "true" : undefined}
              className={cn(
                n.role === "master" && "bg-white dark:bg-zinc-950",
                n.error && "bg-red-50/60 dark:bg-red-950/30",
              )}
            >
              <td className={TD}>
                <div className={cn("flex items-center gap-2", n.role === "replica" && "pl-5")}>
                  {n.role === "replica" && (
                    <span className="text-zinc-400" aria-hidden>
                      ↳
                    </span>
                  )}
                  <span
                    className={cn(
                      "size-2.5 shrink-0 rounded-full",
                      index === undefined ? "bg-zinc-300" : colorOf(index).swatch,
                      n.role === "replica" && "opacity-50",
                    )}
                    aria-hidden
                  />
                  <span className="font-medium text-zinc-900 dark:text-zinc-100">{n.addr}</span>
                  <span className="text-zinc-400" title={n.id}>
                    {n.id.slice(0, 8)}
                  </span>
                </div>
                {n.error && (
                  <div
                    className="mt-0.5 pl-5 font-sans text-red-700 dark:text-red-400"
                    data-testid="node-error"
                  >
                    {n.error}
                  </div>
                )}
              </td>
              <td className={TD}>
                <Badge tone={n.role === "master" ? "violet" : "gray"}>{n.role}</Badge>
                {n.failing && (
                  <Badge tone="red" className="ml-1">
                    {n.flags.includes("fail?") ? "pfail" : "fail"}
                  </Badge>
                )}
              </td>
              <td className={TD} title={rangesText(n.slots)}>
                {n.slots.length === 0
                  ? dash
                  : `${formatCount(slotCount(n.slots))} · ${rangesText(n.slots)}`}
              </td>
              <td className={cn(TD, "text-right")}>{num(n.keys)}</td>
              <td className={cn(TD, "text-right")}>{num(n.usedMemoryBytes, formatBytes)}</td>
              <td className={cn(TD, "text-right")}>{num(n.opsPerSec, formatRate)}</td>
              <td className={cn(TD, "text-right")}>{formatPercent(n.hitRatio)}</td>
              <td className={cn(TD, "text-right")}>{num(n.connectedClients)}</td>
              <td className={TD}>
                <Badge tone={n.linkState === "connected" ? "green" : "red"}>{n.linkState}</Badge>
              </td>
              <td className={cn(TD, "text-right")}>{num(n.replicationOffset)}</td>
              <td className={cn(TD, "text-right")}>{lag(n)}</td>
            </tr>
          );
        })}
      </tbody>
    </TableShell>
  );
}
