"use client";
import { useMemo, useState } from "react";
import { NodeSelect } from "@/components/cluster/node-select";
import { SettingChip, ToolHeader } from "@/components/diagnostics/setting-chip";
import { SettingDialog } from "@/components/overview/setting-dialog";
import { formatClock, TimeChart } from "@/components/overview/time-chart";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { useClusterNodes } from "@/hooks/use-cluster";
import { useConnection } from "@/hooks/use-connections";
import { useLatency, useLatencyHistory } from "@/hooks/use-latency";
import { formatAgo } from "@/lib/format";
import type { LatencyResult } from "@/lib/schemas/diagnostics";
import { PercentilesCard } from "./percentiles-card";

/** What the "turn it on" button proposes: events of 100 ms and more are worth a look. */
const SUGGESTED_THRESHOLD_MS = "100";
const ROSE = ["#e11d48", "#fb7185"] as const;

function LatestTable({
  latest,
  selected,
  onSelect,
}: {
  latest: LatencyResult["latest"];
  selected: string | null;
  onSelect: (event: string) => void;
}) {
  return (
    <table className="w-full text-sm" data-testid="latency-latest">
      <thead className="text-left text-xs text-zinc-500 dark:text-zinc-400">
        <tr>
          <th className="py-1.5 pr-3 font-medium">Event</th>
          <th className="py-1.5 pr-3 font-medium">Latest</th>
          <th className="py-1.5 pr-3 text-right font-medium">Latest ms</th>
          <th className="py-1.5 text-right font-medium">Max ms</th>
        </tr>
      </thead>
      <tbody>
        {latest.map((e) => (
          <tr
            key={e.event}
            className={cn(
              "border-t border-zinc-100 dark:border-zinc-800",
              selected === e.event && "bg-indigo-50 dark:bg-indigo-950/40",
            )}
          >
            <td className="py-1.5 pr-3">
              <button
                type="button"
                className="font-mono text-xs text-indigo-700 hover:underline dark:text-indigo-300"
                aria-pressed={selected === e.event}
                onClick={() => onSelect(e.event)}
              >
                {e.event}
              </button>
            </td>
            <td className="py-1.5 pr-3 text-xs tabular-nums" title={formatAgo(e.time)}>
              {formatClock(e.time)}
            </td>
            <td className="py-1.5 pr-3 text-right font-mono text-xs">{e.latestMs}</td>
            <td className="py-1.5 text-right font-mono text-xs">{e.maxMs}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Spikes are sparse (seconds or hours apart), so the time axis starts a minute before the first
 * one, on an empty sample: two spikes a second apart would otherwise span one second and every
 * tick would read the same time.
 */
function paddedSeries(points: readonly (readonly [number, number])[]) {
  const first = points[0]?.[0];
  if (first === undefined) return { t: [], values: [] };
  return {
    t: [first - 60, ...points.map((p) => p[0])],
    values: [null, ...points.map((p) => p[1])],
  };
}

function HistoryChart({ conn, event, node }: { conn: string; event: string; node: string | null }) {
  const history = useLatencyHistory(conn, event, node);
  const { t, values } = useMemo(() => paddedSeries(history.data?.points ?? []), [history.data]);
  if (history.isError) return <Notice tone="error">{history.error.message}</Notice>;
  return (
    <TimeChart
      title={`${event}: latency of each spike (ms)`}
      note="Redis keeps the last 160, one per second at most"
      t={t}
      series={[{ label: "ms", color: ROSE, values }]}
      format={(v) => `${Math.round(v)} ms`}
      testId="chart-latency"
      dots
    />
  );
}

/** The latency monitor: its threshold, the latest spike per event, one event's history, the doctor. */
export function LatencyView({ conn }: { conn: string }) {
  // Latency is recorded per node: on a cluster the page reads one (the first master at first).
  const nodes = useClusterNodes(conn);
  const [node, setNode] = useState<string | null>(null);
  const latency = useLatency(conn, node);
  const { connection } = useConnection(conn);
  const canWrite = connection !== undefined && !connection.readOnly;
  const [chosen, setChosen] = useState<string | null>(null);
  const [enabling, setEnabling] = useState(false);
  const data = latency.data;
  const event = chosen ?? data?.latest[0]?.event ?? null;
  const off = data?.thresholdMs === 0;
  return (
    <div className="min-h-0 flex-1 overflow-y-auto" data-testid="latency">
      <div className="mx-auto flex max-w-[1600px] flex-col gap-3 p-4">
        <ToolHeader title="Latency">
          {data && (
            <SettingChip
              conn={conn}
              name="latency-monitor-threshold"
              node={node}
              value={data.thresholdMs}
              canWrite={canWrite}
            />
          )}
          {nodes && (
            <NodeSelect
              nodes={nodes}
              none={`First master${data?.node && node === null ? ` (${data.node})` : ""}`}
              value={node ?? ""}
              onChange={(n) => {
                setNode(n === "" ? null : n);
                setChosen(null);
              }}
              className="w-64 text-xs"
              testId="node-picker"
            />
          )}
          {latency.isFetching && <Spinner className="size-3 text-zinc-400" />}
          <Button size="sm" className="ml-auto" onClick={() => latency.refetch()}>
            Refresh
          </Button>
        </ToolHeader>
        {latency.isError && (
          <Notice tone="error" title="Could not read the latency monitor">
            {latency.error.message}
          </Notice>
        )}
        {!data && latency.isPending && (
          <div className="flex items-center gap-2 text-sm text-zinc-500">
            <Spinner /> Reading LATENCY LATEST…
          </div>
        )}
        {off && (
          <div data-testid="latency-off">
            <Notice tone="warn" title="The latency monitor is off">
              <p>
                latency-monitor-threshold is 0, so Redis records no latency events. Set it to a
                number of milliseconds and Redis records every event (a slow command, a fork, an
                fsync…) that takes at least that long.
              </p>
              {canWrite && (
                <Button
                  size="sm"
                  variant="primary"
                  className="mt-2"
                  onClick={() => setEnabling(true)}
                >
                  Turn it on…
                </Button>
              )}
            </Notice>
          </div>
        )}
        {data && (
          <div className="grid gap-3 lg:grid-cols-2">
            <Card title="Latest spike per event">
              {data.latest.length === 0 ? (
                <p className="text-sm text-zinc-500 dark:text-zinc-400" data-testid="latency-empty">
                  {off
                    ? "Nothing is recorded while the monitor is off."
                    : `No event has taken ${data.thresholdMs ?? "the threshold's"} ms or more yet. A slow command (e.g. DEBUG SLEEP 0.2 in the console) makes one.`}
                </p>
              ) : (
                <LatestTable latest={data.latest} selected={event} onSelect={setChosen} />
              )}
            </Card>
            {event ? (
              <HistoryChart conn={conn} event={event} node={node} />
            ) : (
              <Card title="History">
                <p className="text-sm text-zinc-500 dark:text-zinc-400">
                  The chart of an event's spikes shows here once one is recorded.
                </p>
              </Card>
            )}
          </div>
        )}
        {data && <PercentilesCard rows={data.commandPercentiles} />}
        {data && (
          <Card title="LATENCY DOCTOR">
            <pre
              className="max-h-96 overflow-auto whitespace-pre-wrap font-mono text-xs leading-5"
              data-testid="latency-doctor"
            >
              {data.doctor}
            </pre>
          </Card>
        )}
      </div>
      {enabling && data && (
        <SettingDialog
          conn={conn}
          name="latency-monitor-threshold"
          node={node}
          current={String(data.thresholdMs)}
          initial={SUGGESTED_THRESHOLD_MS}
          onClose={() => {
            setEnabling(false);
            latency.refetch();
          }}
        />
      )}
    </div>
  );
}
