import { Badge } from "@/components/ui/badge";
import { Card, Facts } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { formatBytes, formatCount, formatPercent, formatTtl } from "@/lib/format";
import type { CommandStat, Overview } from "@/lib/schemas/overview";

export function ServerCard({ data }: { data: Overview }) {
  const s = data.server;
  return (
    <Card title="Server" testId="server-card">
      <Facts
        rows={[
          ["Version", `${s.flavor === "valkey" ? "Valkey" : "Redis"} ${s.version}`],
          ["Mode", s.mode],
          ["Role", s.role],
          ["Uptime", formatTtl(s.uptimeSeconds) || "0s"],
          ["Config file", s.configFile ?? "none (started without one)"],
          ["Databases", s.databases],
          ["Process", `pid ${s.processId ?? "?"} · port ${s.tcpPort ?? "?"}`],
          ["OS", s.os ?? "—"],
        ]}
      />
    </Card>
  );
}

export function MemoryCard({ data }: { data: Overview }) {
  const m = data.memory;
  const dataset = m.datasetBytes ?? 0;
  const overhead = m.overheadBytes ?? 0;
  const frag = m.fragmentationRatio;
  return (
    <Card title="Memory" testId="memory-card">
      {m.maxmemoryBytes > 0 && (
        <div className="flex flex-col gap-1">
          <Progress value={m.usedOfMaxmemory} label="Used memory of maxmemory" />
          <span className="text-xs text-zinc-500 dark:text-zinc-400">
            {formatBytes(m.usedBytes)} of {formatBytes(m.maxmemoryBytes)} (
            {formatPercent(m.usedOfMaxmemory)}); at the limit Redis applies {m.policy}
          </span>
        </div>
      )}
      <Facts
        rows={[
          ["Used", formatBytes(m.usedBytes)],
          ["RSS", formatBytes(m.rssBytes)],
          ["Peak", formatBytes(m.peakBytes)],
          [
            "Dataset / overhead",
            `${formatBytes(dataset)} / ${formatBytes(overhead)} (${formatPercent(dataset + overhead > 0 ? dataset / (dataset + overhead) : null, 0)} data)`,
          ],
          [
            "Fragmentation",
            <span key="f" className="inline-flex items-center gap-2">
              {frag?.toFixed(2) ?? "—"}
              {frag !== null && frag > 1.5 && m.usedBytes > 64 * 1024 * 1024 && (
                <Badge tone="amber">high</Badge>
              )}
            </span>,
          ],
          ["Max memory", m.maxmemoryBytes > 0 ? formatBytes(m.maxmemoryBytes) : "no limit"],
          ["Eviction policy", m.policy],
        ]}
      />
    </Card>
  );
}

export function ClientsCard({ data }: { data: Overview }) {
  const { clients, replication: r } = data;
  return (
    <Card title="Clients and replication" testId="clients-card">
      <Facts
        rows={[
          ["Connected", formatCount(clients.connected)],
          ["Blocked", formatCount(clients.blocked)],
          ["Max clients", clients.max === null ? "—" : formatCount(clients.max)],
          ["Rejected connections", formatCount(data.stats.rejectedConnections)],
          ["Role", r.role],
          ...(r.master
            ? ([
                ["Master", `${r.master.host}:${r.master.port} (${r.master.linkStatus ?? "?"})`],
              ] as [string, string][])
            : []),
          ["Replicas", formatCount(r.connectedReplicas)],
          ["Replication offset", formatCount(r.offset)],
        ]}
      />
      {r.replicas.length > 0 && (
        <ul className="flex flex-col gap-1 font-mono text-xs">
          {r.replicas.map((x) => (
            <li key={x.address}>
              {x.address} · {x.state} · offset {formatCount(x.offset)} · lag {x.lag}s
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function CommandTable({ rows, by }: { rows: CommandStat[]; by: "calls" | "usec" }) {
  return (
    <table className="w-full text-xs">
      <thead className="text-left text-zinc-500 dark:text-zinc-400">
        <tr>
          <th className="py-1 font-normal">{by === "calls" ? "By calls" : "By time"}</th>
          <th className="py-1 text-right font-normal">calls</th>
          <th className="py-1 text-right font-normal">total</th>
          <th className="py-1 text-right font-normal">µs/call</th>
        </tr>
      </thead>
      <tbody className="font-mono">
        {rows.map((c) => (
          <tr key={c.name} className="border-t border-zinc-100 dark:border-zinc-800">
            <td className="py-1">{c.name}</td>
            <td className="py-1 text-right tabular-nums">{formatCount(c.calls)}</td>
            <td className="py-1 text-right tabular-nums">{(c.usec / 1000).toFixed(1)} ms</td>
            <td className="py-1 text-right tabular-nums">{c.usecPerCall.toFixed(1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CommandsCard({ data }: { data: Overview }) {
  const { byCalls, byTime } = data.commands;
  return (
    <Card title="Top commands (INFO commandstats)" testId="commands-card">
      {byCalls.length === 0 ? (
        <p className="text-sm text-zinc-500">No command statistics (refused or reset).</p>
      ) : (
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <CommandTable rows={byCalls} by="calls" />
          <CommandTable rows={byTime} by="usec" />
        </div>
      )}
    </Card>
  );
}
