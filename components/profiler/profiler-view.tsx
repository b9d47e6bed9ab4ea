"use client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useClusterNodes } from "@/hooks/use-cluster";
import { KEPT_LINES, useProfiler } from "@/hooks/use-profiler";
import { formatCount } from "@/lib/format";
import { MonitorList } from "./monitor-list";
import { ProfilerForm } from "./profiler-form";
import { RunSummary, type SummaryJson } from "./run-summary";

// The profiler: MONITOR for a bounded time, filtered on the server, the lines in a capped
// virtual list, live counters, and a summary when the run ends.

export const THROUGHPUT_WARNING =
  "MONITOR makes Redis format and copy every command it runs to Keyscope. Measured at full speed (redis-benchmark, 50 clients, pipelined), Redis ran about a fifth of its commands per second while it was on (docs/benchmarks.md, “monitor”). Keep runs short on a busy production server; filters cut what reaches the browser, not Redis's cost.";

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <span className="text-xs text-zinc-500 dark:text-zinc-400">
      {label}{" "}
      <span
        className="font-mono text-zinc-900 tabular-nums dark:text-zinc-100"
        data-testid={testId}
      >
        {value}
      </span>
    </span>
  );
}

export function ProfilerView({ conn }: { conn: string }) {
  const p = useProfiler(conn);
  const nodes = useClusterNodes(conn);
  const { state, counters } = p;
  const running = state.status === "open";
  const end = state.status === "ended" ? state.end : null;
  const serverSummary = end?.summary as SummaryJson | undefined;
  // A run that could not start shows the empty state under its error.
  const started = state.status === "open" || state.status === "ended";
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3 p-4" data-testid="profiler">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-lg font-semibold">Profiler</h1>
        <Badge tone="amber">MONITOR</Badge>
        {running &&
          (counters.server ? (
            <Badge tone="green">live</Badge>
          ) : (
            <Badge tone="gray">connecting…</Badge>
          ))}
        {p.isPaused && <Badge tone="violet">paused</Badge>}
      </div>
      <ProfilerForm running={running} nodes={nodes} onStart={p.start} onStop={p.stop} />
      {state.status === "failed" && (
        <Notice
          tone="error"
          title={
            state.error.status === 429
              ? "Too many streams are open on this connection"
              : state.error.status === 503
                ? "Redis cannot be reached"
                : "The profiler could not start"
          }
        >
          {state.error.message}
        </Notice>
      )}
      {end?.reason === "error" && (
        <Notice tone="error" title="The run stopped: Redis went away">
          {end.message}
        </Notice>
      )}
      {!started ? (
        <div
          className="flex flex-1 flex-col items-center justify-center gap-3"
          data-testid="profiler-empty"
        >
          <Notice
            tone="warn"
            title="Running the profiler decreases Redis's throughput"
            className="max-w-xl"
          >
            {THROUGHPUT_WARNING}
          </Notice>
          <p className="max-w-xl text-center text-sm text-zinc-500 dark:text-zinc-400">
            Start a run to see every command the server executes, as it runs. It stops by itself
            after the duration you choose; the page keeps the last {formatCount(KEPT_LINES)} lines.
          </p>
        </div>
      ) : (
        <>
          <div
            className="flex flex-wrap items-center gap-x-4 gap-y-1"
            data-testid="profiler-counters"
          >
            <Stat label="Lines/s" value={formatCount(counters.perSecond)} testId="per-second" />
            <Stat label="Received" value={formatCount(counters.received)} testId="received" />
            <Stat label="Shown" value={formatCount(p.lines.length)} />
            <Stat
              label="Not sent by the server"
              value={formatCount(serverSummary?.dropped ?? counters.server?.dropped ?? 0)}
              testId="dropped-server"
            />
            <Stat
              label={`Dropped past ${formatCount(KEPT_LINES)}`}
              value={formatCount(counters.droppedByCap)}
              testId="dropped-cap"
            />
            {counters.whilePaused > 0 && (
              <Stat label="Arrived while paused" value={formatCount(counters.whilePaused)} />
            )}
            <span className="flex-1" />
            <Button size="sm" onClick={p.togglePause} disabled={!running}>
              {p.isPaused ? "Resume" : "Pause"}
            </Button>
            <Button size="sm" variant="ghost" onClick={p.clear}>
              Clear
            </Button>
          </div>
          <MonitorList lines={p.lines} version={p.version} showNode={nodes !== null} />
          {end && end.reason !== "error" && (
            <RunSummary
              summary={serverSummary ?? p.ownSummary()}
              source={serverSummary ? "server" : "page"}
            />
          )}
        </>
      )}
    </div>
  );
}
