"use client";
import { JobFrame } from "@/components/bulk/job-frame";
import { Notice } from "@/components/ui/notice";
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
  return (
    <JobFrame
      testId="import-progress"
      job={job}
      badge={`import ${job.state}`}
      titleMono={false}
      title={`${formatCount(job.keys)} keys · ${job.format} · ${job.onConflict} existing keys`}
      progressLabel="Import job progress"
      onCancel={onCancel}
      cancelling={cancelling}
      counters={[
        { label: "imported", testId: "import-imported", value: formatCount(job.imported) },
        { label: "skipped (existed)", testId: "import-skipped", value: formatCount(job.skipped) },
        { label: "failed", testId: "import-failed", value: formatCount(job.failed) },
      ]}
    >
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
    </JobFrame>
  );
}
