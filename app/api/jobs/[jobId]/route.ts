import { handle } from "@/lib/api/route";
import { jobs } from "@/lib/endpoints";
import { cancelJob } from "@/lib/jobs";
import { bulkJob, bulkView } from "@/lib/redis/bulk";

// GET /api/jobs/{jobId} – a job's state and counters (scanned, matched, affected, keys/s, ETA)
export const GET = handle(jobs.get, async ({ jobId }) => bulkJob(jobId));

// DELETE /api/jobs/{jobId} – ask a running job to stop after its current batch. Stopping a job
// that only reads (a dry run) is not a write; stopping one that writes, or one not known, is.
export const DELETE = handle(jobs.cancel, async ({ jobId }) => bulkView(cancelJob(jobId)), {
  writes: ({ jobId }) => {
    try {
      return !bulkJob(jobId).dryRun;
    } catch {
      return true;
    }
  },
});
