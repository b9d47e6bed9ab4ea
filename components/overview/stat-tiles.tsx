import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { formatBytes, formatCount, formatPercent, formatRate } from "@/lib/format";
import type { Overview } from "@/lib/schemas/overview";

function Tile({
  label,
  value,
  detail,
  tone,
  testId,
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  tone?: "warn" | "bad";
  testId?: string;
}) {
  return (
    <div
      data-testid={testId}
      className={cn(
        "flex min-w-0 flex-col gap-0.5 rounded-lg border px-3 py-2",
        tone === "bad"
          ? "border-red-300 bg-red-50 dark:border-red-900 dark:bg-red-950/40"
          : tone === "warn"
            ? "border-amber-300 bg-amber-50 dark:border-amber-900 dark:bg-amber-950/40"
            : "border-zinc-200 dark:border-zinc-800",
      )}
    >
      <span className="text-xs text-zinc-500 dark:text-zinc-400">{label}</span>
      <span className="truncate font-mono text-xl font-semibold tabular-nums">{value}</span>
      {detail && (
        <span className="truncate text-xs text-zinc-500 dark:text-zinc-400">{detail}</span>
      )}
    </div>
  );
}

/** The figures to read first: load, memory against its limit, hit ratio, evictions, expiries, clients. */
export function StatTiles({ data }: { data: Overview }) {
  const { stats, memory, clients } = data;
  const rates = stats.rates;
  const near = memory.usedOfMaxmemory;
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
      <Tile
        label="Commands / s"
        // The sampler's rate over its last 2 s, as the chart's newest point: never Redis's
        // instantaneous_ops_per_sec in its place, a different estimate (it read 0.0 while the
        // chart read 4,423 after a pause in sampling). "—" until the sampler has two samples.
        value={formatRate(rates?.opsPerSec ?? null)}
        detail={
          rates?.opsPerSec == null
            ? "measuring…"
            : `${formatCount(stats.totalCommands)} since start`
        }
        testId="tile-ops"
      />
      <Tile
        label="Used memory"
        value={formatBytes(memory.usedBytes)}
        detail={
          memory.maxmemoryBytes > 0
            ? `${formatPercent(near)} of ${formatBytes(memory.maxmemoryBytes)}`
            : "no maxmemory limit"
        }
        tone={
          near !== null && near > 0.95 ? "bad" : near !== null && near > 0.8 ? "warn" : undefined
        }
        testId="tile-memory"
      />
      <Tile
        label="Hit ratio"
        value={formatPercent(stats.hitRatio)}
        detail={`last 2 s: ${formatPercent(rates?.hitRatio ?? null)}`}
        testId="tile-hits"
      />
      <Tile
        label="Evicted / s"
        value={formatRate(rates?.evictedPerSec ?? null)}
        detail={`${formatCount(stats.evictedKeys)} in all`}
        tone={rates?.evictedPerSec ? "warn" : undefined}
        testId="tile-evicted"
      />
      <Tile
        label="Expired / s"
        value={formatRate(rates?.expiredPerSec ?? null)}
        detail={`${formatCount(stats.expiredKeys)} in all`}
        testId="tile-expired"
      />
      <Tile
        label="Clients"
        value={formatCount(clients.connected)}
        detail={`${clients.blocked} blocked · max ${clients.max === null ? "?" : formatCount(clients.max)}`}
        testId="tile-clients"
      />
    </div>
  );
}
