"use client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Progress } from "@/components/ui/progress";
import { displayJsonBytes } from "@/lib/bytes";
import { formatCount } from "@/lib/format";
import type { JobViewJson } from "@/lib/schemas/bulk";
import { formatEta, JOB_STATE_TONE } from "./job-state";

const AFFECTED = { delete: "deleted", expire: "TTL set", persist: "TTL removed" } as const;

/** A job's progress bar and counters, its speed and ETA, and Cancel while it runs. */
export function BulkProgress({
  job,
  onCancel,
  cancelling,
}: {
  job: JobViewJson;
  onCancel: () => void;
  cancelling: boolean;
}) {
  const running = job.state === "running";
  return (
    <div
      data-testid="bulk-progress"
      data-state={job.state}
      className="flex flex-col gap-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
    >
      <div className="flex items-center gap-2 text-sm">
        <Badge tone={JOB_STATE_TONE[job.state]}>
          {job.dryRun ? `dry run ${job.state}` : job.state}
        </Badge>
        <span className="min-w-0 flex-1 truncate font-mono text-xs">
          {job.action} {displayJsonBytes(job.match)}
          {job.type && ` · ${job.type}`}
        </span>
        {running && (
          <Button size="sm" variant="secondary" onClick={onCancel} disabled={cancelling}>
            {cancelling ? "Cancelling…" : "Cancel"}
          </Button>
        )}
      </div>
      <Progress value={job.progress} label="Bulk job progress" />
      <dl className="grid grid-cols-3 gap-2 text-xs">
        <div>
          <dt className="text-zinc-500 dark:text-zinc-400">scanned</dt>
          <dd className="font-mono tabular-nums" data-testid="bulk-scanned">
            {formatCount(job.scanned)} / {formatCount(job.dbsize)}
          </dd>
        </div>
        <div>
          <dt className="text-zinc-500 dark:text-zinc-400">matched</dt>
          <dd className="font-mono tabular-nums" data-testid="bulk-matched">
            {job.affectedIsLowerBound && "at least "}
            {formatCount(job.matched)}
          </dd>
        </div>
        <div>
          <dt className="text-zinc-500 dark:text-zinc-400">
            {job.dryRun ? "changed (dry run)" : AFFECTED[job.action]}
          </dt>
          <dd
            className="font-mono tabular-nums"
            data-testid="bulk-affected"
            title={
              job.affectedIsLowerBound
                ? "Redis did not answer the last batch in time; it may still have run, so more keys may have changed. The count becomes exact if Redis answers within a few command timeouts."
                : undefined
            }
          >
            {job.affectedIsLowerBound && "at least "}
            {formatCount(job.affected)}
          </dd>
        </div>
      </dl>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        {formatCount(job.keysPerSec)} keys/s ·{" "}
        {running ? formatEta(job.etaSeconds) : `took ${(job.elapsedMs / 1000).toFixed(1)}s`}
      </p>
      {job.affectedIsLowerBound && (
        <p className="text-xs text-amber-700 dark:text-amber-400" data-testid="bulk-lower-bound">
          {job.settling
            ? "Waiting for Redis to answer the last batch, to make the counts exact…"
            : "The last batch may still have run: the counts are at least what they say."}
        </p>
      )}
      {job.error && (
        <Notice tone="error" title="The job failed">
          {job.error}
        </Notice>
      )}
      {job.sample && job.sample.length > 0 && (
        <div className="flex flex-col gap-1">
          <span className="text-xs text-zinc-500 dark:text-zinc-400">
            First matching keys
            {job.matched > job.sample.length
              ? ` (${job.sample.length} of ${formatCount(job.matched)})`
              : ""}
            :
          </span>
          <ul className="max-h-32 overflow-y-auto rounded bg-zinc-50 p-2 font-mono text-xs dark:bg-zinc-800/60">
            {job.sample.map((k) => {
              const text = displayJsonBytes(k);
              return (
                <li key={text} className="truncate">
                  {text}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
