import "server-only";
import { appendAudit, bounded, type CutField, makeEntry } from "@/lib/audit";
import type { Job } from "@/lib/jobs";
import type { BulkData } from "./bulk";

// A bulk job's audit entry when it ends. The POST that started it is in the log already (its
// pattern, action, type), but not what it did: this entry adds the job's id and outcome, with
// the counts once they are settled (see lib/redis/bulk.ts on batches that time out).

/** A job's end as the audit log's result (shared by the bulk and import jobs). */
export const JOB_END_RESULT = {
  done: { status: 200 },
  cancelled: { status: 200, code: "CANCELLED" },
  failed: { status: 500, code: "FAILED" },
  running: { status: 200 },
} as const;

export async function recordJobEnd(job: Job<BulkData>): Promise<void> {
  const d = job.data;
  const cut: CutField[] = [];
  const detail = {
    jobId: job.id,
    action: d.action,
    match: bounded(d.match, "detail.match", cut),
    type: d.type,
    ...(d.ttl !== null && { ttl: d.ttl }),
    state: job.state,
    matched: d.matched,
    affected: d.affected,
    affectedIsLowerBound: d.affectedIsLowerBound,
    startedAt: new Date(job.startedAtMs).toISOString(),
    ...(job.error !== undefined && { error: bounded(job.error, "detail.error", cut) }),
  };
  await appendAudit(
    makeEntry(
      {
        time: new Date().toISOString(),
        client: d.client,
        conn: d.conn,
        db: d.db,
        action: `bulk ${d.action} job`,
        detail,
        result: JOB_END_RESULT[job.state],
      },
      cut,
    ),
  );
}
