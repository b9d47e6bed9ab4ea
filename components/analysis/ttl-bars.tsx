"use client";
import { useMemo } from "react";
import { formatBytes, formatCount } from "@/lib/format";
import { type ReportJson, TTL_BUCKETS } from "@/lib/schemas/analysis";
import { EChart, type EChartOption } from "./echart";

/** Keys and memory per TTL bucket, side by side (memory on its own axis). */
export function TtlBars({ buckets }: { buckets: ReportJson["ttlBuckets"] }) {
  const option = useMemo<EChartOption>(() => {
    const rows = TTL_BUCKETS.map(
      (b) => buckets.find((r) => r.bucket === b) ?? { bucket: b, keys: 0, memoryBytes: 0 },
    );
    return {
      tooltip: { trigger: "axis" },
      grid: { left: 56, right: 64, top: 24, bottom: 24 },
      xAxis: {
        type: "category",
        data: rows.map((r) => (r.bucket === "none" ? "no TTL" : r.bucket)),
      },
      yAxis: [
        { type: "value", name: "keys", axisLabel: { formatter: (v: number) => formatCount(v) } },
        {
          type: "value",
          name: "memory",
          splitLine: { show: false },
          axisLabel: { formatter: (v: number) => formatBytes(v) },
        },
      ],
      series: [
        {
          name: "keys",
          type: "bar",
          data: rows.map((r) => r.keys),
          itemStyle: { color: "#6366f1" },
          tooltip: { valueFormatter: (v: number) => formatCount(v) },
        },
        {
          name: "memory",
          type: "bar",
          yAxisIndex: 1,
          data: rows.map((r) => r.memoryBytes),
          itemStyle: { color: "#14b8a6" },
          tooltip: { valueFormatter: (v: number) => formatBytes(v) },
        },
      ],
    };
  }, [buckets]);
  return (
    <div data-testid="ttl-bars">
      <EChart option={option} label="Keys and memory by TTL" className="h-56" />
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        <span className="inline-block size-2 rounded-sm bg-indigo-500" /> keys ·{" "}
        <span className="inline-block size-2 rounded-sm bg-teal-500" /> memory
      </p>
    </div>
  );
}
