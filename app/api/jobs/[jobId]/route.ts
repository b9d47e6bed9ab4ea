import { handle } from "@/lib/api/route";
import { jobs } from "@/lib/endpoints";
import { cancelJob, findJob, type Job } from "@/lib/jobs";
import { analysisView, isAnalysisJob } from "@/lib/redis/analysis";
import { bulkView } from "@/lib/redis/bulk";
import { exportView, isExportJob } from "@/lib/redis/export";
import { importView, isImportJob } from "@/lib/redis/import";

// A job's view by its kind: an analysis, an export, an import, or a bulk action.
const view = (job: Job<unknown>) => {
  if (isAnalysisJob(job)) return analysisView(job);
  if (isExportJob(job)) return exportView(job);
  if (isImportJob(job)) return importView(job);
  return bulkView(job);
};

// GET /api/jobs/{jobId} – a job's state and counters (scanned, matched, affected, keys/s, ETA)
export const GET = handle(jobs.get, async ({ jobId }) => view(findJob(jobId)));

// DELETE /api/jobs/{jobId} – ask a running job to stop after its current batch. Stopping a job
// that only reads (an analysis, a dry run) is not a write; stopping one that writes, or one not
// known, is.
export const DELETE = handle(jobs.cancel, async ({ jobId }) => view(cancelJob(jobId)), {
  writes: ({ jobId }) => {
    try {
      const job = findJob(jobId);
      if (isAnalysisJob(job) || isExportJob(job)) return false;
      if (isImportJob(job)) return true;
      return !bulkView(job).dryRun;
    } catch {
      return true;
    }
  },
});
