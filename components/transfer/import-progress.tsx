"use client";
import { formatEta, JOB_STATE_TONE } from "@/components/bulk/job-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Progress } from "@/components/ui/progress";
import { displayJsonBytes } from "@/lib/bytes";
import { formatCount } from "@/lib/format";
import type { ImportJobViewJson } from "@/lib/schemas/import";

/** An import job's bar and counts (imported, skipped, failed with the keys named), and Cancel. */
export function ImportProgress({
  job,
  onCancel,
  cancelling,
}: {
  job: ImportJobViewJson;
  onCancel: () => void;
  cancelling: boolean;
}) {
  const running = job.state === "running";
  return (
    <div
      data-testid="import-progress"
      data-state={job.state}
      className="flex flex-col gap-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
    >
      <div className="flex items-center gap-2 text-sm">
        <Badge tone={JOB_STATE_TONE[job.state]}>import {job.state}</Badge>
        <span className="min-w-0 flex-1 truncate text-xs text-zinc-500 dark:text-zinc-400">
          {formatCount(job.keys)} keys · {job.format} · {job.onConflict} existing keys
        </span>
        {running && (
          <Button size="sm" variant="secondary" onClick={onCancel} disabled={cancelling}>
            {cancelling ? "Cancelling…" : "Cancel"}
          </Button>
        )}
      </div>
      <Progress value={job.progress} label="Import job progress" />
      <dl className="grid grid-cols-3 gap-2 text-xs">
        {(
          [
            ["imported", job.imported],
            ["skipped (existed)", job.skipped],
            ["failed", job.failed],
          ] as const
        ).map(([label, n]) => (
          <div key={label}>
            <dt className="text-zinc-500 dark:text-zinc-400">{label}</dt>
            <dd className="font-mono tabular-nums" data-testid={`import-${label.split(" ")[0]}`}>
              {formatCount(n)}
            </dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        {formatCount(job.keysPerSec)} keys/s ·{" "}
        {running ? formatEta(job.etaSeconds) : `took ${(job.elapsedMs / 1000).toFixed(1)}s`}
      </p>
      {job.fieldTtlsDropped > 0 && (
        <p className="text-xs text-amber-700 dark:text-amber-400">
          {formatCount(job.fieldTtlsDropped)} hash-field TTLs were left off: this server has none
          (Redis 7.4+ has).
        </p>
      )}
      {job.failures.length > 0 && (
        <details className="text-xs" open={job.failures.length <= 5}>
          <summary className="cursor-pointer text-red-700 dark:text-red-400">
            Failed keys{job.failed > job.failures.length && ` (the first ${job.failures.length})`}
          </summary>
          <ul className="mt-1 max-h-40 overflow-auto font-mono" data-testid="import-failures">
            {job.failures.map((f) => (
              <li key={displayJsonBytes(f.key)} className="truncate" title={f.error}>
                {displayJsonBytes(f.key)}: <span className="text-zinc-500">{f.error}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {job.error && (
        <Notice tone="error" title="The import failed">
          {job.error}
        </Notice>
      )}
    </div>
  );
}
