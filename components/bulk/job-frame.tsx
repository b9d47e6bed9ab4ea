"use client";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Progress } from "@/components/ui/progress";
import { formatCount } from "@/lib/format";
import { formatEta, JOB_STATE_TONE } from "./job-state";

// What every job's progress shows (bulk, export, import): its state, what it works on, Cancel
// while it runs, the bar, three counters, the speed and ETA (or how long it took); each job
// adds what is its own below.

type JobState = keyof typeof JOB_STATE_TONE;
export type JobCounter = { label: ReactNode; value: ReactNode; testId?: string; title?: string };

export function JobFrame({
  testId,
  job,
  badge,
  title,
  titleMono = true,
  progressLabel,
  counters,
  speedNote,
  onCancel,
  cancelling,
  children,
}: {
  testId: string;
  job: {
    state: JobState;
    progress: number;
    keysPerSec: number;
    etaSeconds: number | null;
    elapsedMs: number;
  };
  /** The state badge's text (the state by default). */
  badge?: ReactNode;
  title: ReactNode;
  titleMono?: boolean;
  progressLabel: string;
  counters: JobCounter[];
  /** Appended to the speed line. */
  speedNote?: ReactNode;
  onCancel: () => void;
  cancelling: boolean;
  children?: ReactNode;
}) {
  const running = job.state === "running";
  return (
    <div
      data-testid={testId}
      data-state={job.state}
      className="flex flex-col gap-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
    >
      <div className="flex items-center gap-2 text-sm">
        <Badge tone={JOB_STATE_TONE[job.state]}>{badge ?? job.state}</Badge>
        <span
          className={cn(
            "min-w-0 flex-1 truncate text-xs",
            titleMono ? "font-mono" : "text-zinc-500 dark:text-zinc-400",
          )}
        >
          {title}
        </span>
        {running && (
          <Button size="sm" variant="secondary" onClick={onCancel} disabled={cancelling}>
            {cancelling ? "Cancelling…" : "Cancel"}
          </Button>
        )}
      </div>
      <Progress value={job.progress} label={progressLabel} />
      <dl className="grid grid-cols-3 gap-2 text-xs">
        {counters.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of three, never reordered
          <div key={i}>
            <dt className="text-zinc-500 dark:text-zinc-400">{c.label}</dt>
            <dd className="font-mono tabular-nums" data-testid={c.testId} title={c.title}>
              {c.value}
            </dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        {formatCount(job.keysPerSec)} keys/s ·{" "}
        {running ? formatEta(job.etaSeconds) : `took ${(job.elapsedMs / 1000).toFixed(1)}s`}
        {speedNote}
      </p>
      {children}
    </div>
  );
}
