"use client";
import Link from "next/link";
import type { z } from "zod";
import { formatEta, JOB_STATE_TONE } from "@/components/bulk/job-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Progress } from "@/components/ui/progress";
import { formatCount, formatPercent } from "@/lib/format";
import type { analysisJobView } from "@/lib/schemas/analysis";

type AnalysisJobView = z.input<typeof analysisJobView>;

/** The running analysis: progress, keys/s, ETA, Cancel; when done, the way to its report. */
export function AnalysisProgress({
  conn,
  job,
  onCancel,
  cancelling,
}: {
  conn: string;
  job: AnalysisJobView;
  onCancel: () => void;
  cancelling: boolean;
}) {
  const running = job.state === "running";
  return (
    <div
      data-testid="analysis-progress"
      data-state={job.state}
      className="flex flex-col gap-2 rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900/40"
    >
      <div className="flex items-center gap-2 text-sm">
        <Badge tone={JOB_STATE_TONE[job.state]}>{job.state}</Badge>
        <span className="flex-1 text-xs text-zinc-600 dark:text-zinc-300">
          {formatPercent(job.progress, 0)} · {formatCount(Math.round(job.keysPerSec))} keys/s
          {running && ` · ${formatEta(job.etaSeconds)}`}
        </span>
        {running && (
          <Button size="sm" onClick={onCancel} disabled={cancelling}>
            {cancelling ? "Cancelling…" : "Cancel"}
          </Button>
        )}
        {job.state === "done" && job.reportId && (
          <Link
            href={`/c/${encodeURIComponent(conn)}/analysis/${job.reportId}`}
            className="rounded-md bg-indigo-600 px-2 py-1 text-xs font-medium text-white hover:bg-indigo-500"
          >
            Open the report
          </Link>
        )}
      </div>
      <Progress value={job.progress} label="Analysis progress" />
      <p className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="analysis-counts">
        db{job.db} · {job.mode} · {formatCount(job.scanned)} of {formatCount(job.dbsize)} keys read
        · {formatCount(job.batchSize)} keys per batch · longest batch{" "}
        {job.longestBatchMs.toFixed(1)} ms
        {!running && ` · took ${(job.elapsedMs / 1000).toFixed(1)} s`}
      </p>
      {job.state === "cancelled" && (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">Cancelled: no report was kept.</p>
      )}
      {job.error && (
        <Notice tone="error" title="The analysis failed">
          {job.error}
        </Notice>
      )}
    </div>
  );
}
