"use client";
import { useMemo, useState } from "react";
import { cn } from "@/components/ui/cn";
import { Notice } from "@/components/ui/notice";
import { useOverviewHistory } from "@/hooks/use-overview";
import { formatBytes, formatPercent, formatRate } from "@/lib/format";
import { maxmemoryShown } from "@/lib/memory-warnings";
import type { HistorySample } from "@/lib/schemas/overview";
import { type ChartSeries, TimeChart } from "./time-chart";

const RANGES = { "5m": 300, "15m": 900, "1h": 3600 } as const;
type Range = keyof typeof RANGES;

// [light, dark] pairs from Tailwind's palette: 600 on white, 400 on zinc-950.
const C = {
  indigo: ["#4f46e5", "#818cf8"],
  emerald: ["#059669", "#34d399"],
  amber: ["#d97706", "#fbbf24"],
  rose: ["#e11d48", "#fb7185"],
  sky: ["#0284c7", "#38bdf8"],
  violet: ["#7c3aed", "#a78bfa"],
  zinc: ["#71717a", "#a1a1aa"],
} as const;

const col = (samples: HistorySample[], k: keyof HistorySample) => samples.map((s) => s[k]);

const bytesPerSec = (v: number) => `${formatBytes(Math.round(v))}/s`;

/**
 * A byte tick with as many decimals as the step needs: the memory chart is scaled to the data,
 * so its ticks may be 20 KiB apart at 1.7 MiB, where formatBytes would print "1.7 MiB" thrice.
 */
export function bytesTick(v: number, step: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let i = 0;
  while (i < units.length - 1 && Math.abs(v) >= 1024 ** (i + 1)) i++;
  const div = 1024 ** i;
  const decimals = step > 0 ? Math.min(3, Math.max(0, Math.ceil(-Math.log10(step / div)))) : 1;
  return `${(v / div).toFixed(i === 0 ? 0 : decimals)} ${units[i]}`;
}

/** The sampler's history as six charts, over the last 5 minutes, 15 minutes or hour. */
export function HistoryCharts({ conn, maxmemory }: { conn: string; maxmemory: number }) {
  const history = useOverviewHistory(conn);
  const [range, setRange] = useState<Range>("15m");
  const samples = useMemo(() => {
    const from = Date.now() / 1000 - RANGES[range];
    return (history.data?.samples ?? []).filter((s) => s.t >= from);
  }, [history.data, range]);
  const t = samples.map((s) => s.t);
  const used = col(samples, "usedBytes");
  const limitLine = maxmemoryShown(maxmemory, used);
  const charts: {
    title: string;
    note?: string;
    id: string;
    series: ChartSeries[];
    format: (v: number) => string;
    tickFormat?: (v: number, step: number) => string;
    yMax?: number;
    yFromData?: boolean;
    integer?: boolean;
  }[] = [
    {
      title: "Commands / s",
      id: "ops",
      series: [{ label: "ops/s", color: C.indigo, values: col(samples, "opsPerSec") }],
      format: formatRate,
    },
    {
      title: "Used memory",
      note:
        maxmemory > 0 && !limitLine
          ? `maxmemory ${formatBytes(maxmemory)}, off the scale`
          : maxmemory === 0
            ? "no maxmemory limit"
            : undefined,
      id: "memory",
      series: [
        { label: "used", color: C.violet, values: used },
        ...(limitLine
          ? [{ label: "maxmemory", color: C.rose, values: t.map(() => maxmemory), dash: [4, 4] }]
          : []),
      ],
      format: (v) => formatBytes(Math.round(v)),
      tickFormat: bytesTick,
      yFromData: true,
    },
    {
      title: "Hit ratio",
      id: "hits",
      series: [{ label: "hit ratio", color: C.emerald, values: col(samples, "hitRatio") }],
      format: (v) => formatPercent(v, 0),
      yMax: 1,
    },
    {
      title: "Evicted and expired keys / s",
      id: "evictions",
      series: [
        { label: "evicted/s", color: C.rose, values: col(samples, "evictedPerSec") },
        { label: "expired/s", color: C.amber, values: col(samples, "expiredPerSec") },
      ],
      format: formatRate,
    },
    {
      title: "Connected clients",
      id: "clients",
      series: [{ label: "clients", color: C.sky, values: col(samples, "clients") }],
      format: (v) => String(Math.round(v)),
      integer: true,
    },
    {
      title: "Network",
      id: "network",
      series: [
        { label: "in", color: C.emerald, values: col(samples, "netInBytesPerSec") },
        { label: "out", color: C.indigo, values: col(samples, "netOutBytesPerSec") },
      ],
      format: bytesPerSec,
    },
  ];
  return (
    <section className="flex flex-col gap-2" aria-label="History">
      <div className="flex items-center gap-2">
        <h2 className="flex-1 text-sm font-semibold">
          History{" "}
          <span className="font-normal text-zinc-500 dark:text-zinc-400">
            sampled every {(history.data?.intervalMs ?? 2000) / 1000} s while this page is open
          </span>
        </h2>
        <div
          role="group"
          aria-label="Time range"
          className="inline-flex rounded-md border border-zinc-300 p-0.5 text-xs dark:border-zinc-700"
        >
          {(Object.keys(RANGES) as Range[]).map((r) => (
            <button
              key={r}
              type="button"
              aria-pressed={range === r}
              onClick={() => setRange(r)}
              className={cn(
                "rounded px-2 py-0.5",
                range === r
                  ? "bg-zinc-200 text-zinc-900 dark:bg-zinc-700 dark:text-zinc-100"
                  : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
              )}
            >
              {r}
            </button>
          ))}
        </div>
      </div>
      {history.isError && (
        <Notice tone="error" title="Could not load the history">
          {history.error.message}
        </Notice>
      )}
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-3">
        {charts.map((c) => (
          <TimeChart
            key={c.id}
            title={c.title}
            note={c.note}
            t={t}
            series={c.series}
            format={c.format}
            tickFormat={c.tickFormat}
            yMax={c.yMax}
            yFromData={c.yFromData}
            integer={c.integer}
            testId={`chart-${c.id}`}
          />
        ))}
      </div>
    </section>
  );
}
