"use client";
import { Notice } from "@/components/ui/notice";
import { displayJsonBytes } from "@/lib/bytes";
import { formatCount } from "@/lib/format";
import type { JobViewJson } from "@/lib/schemas/bulk";
import { JobFrame } from "./job-frame";

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
  return (
    <JobFrame
      testId="bulk-progress"
      job={job}
      badge={job.dryRun ? `dry run ${job.state}` : job.state}
      title={
        <>
          {job.action} {displayJsonBytes(job.match)}
          {job.type && ` · ${job.type}`}
        </>
      }
      progressLabel="Bulk job progress"
      onCancel={onCancel}
      cancelling={cancelling}
      counters={[
        {
          label: "scanned",
          testId: "bulk-scanned",
          value: `${formatCount(job.scanned)} / ${formatCount(job.dbsize)}`,
        },
        {
          label: "matched",
          testId: "bulk-matched",
          value: `${job.affectedIsLowerBound ? "at least " : ""}${formatCount(job.matched)}`,
        },
        {
          label: job.dryRun ? "changed (dry run)" : AFFECTED[job.action],
          testId: "bulk-affected",
          title: job.affectedIsLowerBound
            ? "Redis did not answer the last batch in time; it may still have run, so more keys may have changed. The count becomes exact if Redis answers within a few command timeouts."
            : undefined,
          value: `${job.affectedIsLowerBound ? "at least " : ""}${formatCount(job.affected)}`,
        },
      ]}
    >
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
    </JobFrame>
  );
}
