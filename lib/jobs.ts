import "server-only";
import { randomUUID } from "node:crypto";
import { ApiError } from "@/lib/errors";
import { processState } from "@/lib/process-state";
import type { JobState } from "@/lib/schemas/bulk";

// The in-process job registry: long work (bulk actions) runs in the background while clients
// poll GET /api/jobs/{id}. Jobs live in memory only: a restart forgets them, and a finished job
// is forgotten a few minutes after it ends.

export type Job<T> = {
  readonly id: string;
  state: JobState;
  readonly startedAtMs: number;
  finishedAtMs: number | null;
  error?: string;
  /** Set by cancel(); the job's loop checks it between batches. */
  cancelRequested: boolean;
  /** What the job reports: its parameters and counters. */
  readonly data: T;
};

export const FORGET_AFTER_MS = 10 * 60_000;
// Each job holds a Redis connection and walks a keyspace; a handful at once is plenty.
const MAX_RUNNING = 4;

// POST …/bulk and GET /api/jobs/{id} must see the same registry (lib/process-state.ts).
const jobs = processState("jobs", () => new Map<string, Job<unknown>>());

function finish<T>(job: Job<T>, state: JobState, error?: string, onEnd?: OnEnd<T>): void {
  job.state = state;
  job.finishedAtMs = Date.now();
  if (error !== undefined) job.error = error;
  setTimeout(() => jobs.delete(job.id), FORGET_AFTER_MS).unref?.();
  onEnd?.(job)?.catch((e: unknown) =>
    console.error(`[keyscope] job ${job.id}: after it ended: ${(e as Error).message}`),
  );
}

/** Runs once a job has ended, whichever way (its state is final by then). */
type OnEnd<T> = (job: Job<T>) => Promise<void> | undefined;

/**
 * Registers a job and starts `run` in the background. `run` resolves to how it ended ("done", or
 * "cancelled" when it stopped early for cancel()); a throw marks the job failed with its message.
 * `onEnd` runs after that (bulk jobs settle their count and write their audit entry there).
 */
export function startJob<T>(
  data: T,
  run: (job: Job<T>) => Promise<"done" | "cancelled">,
  onEnd?: OnEnd<T>,
): Job<T> {
  const running = [...jobs.values()].filter((j) => j.state === "running").length;
  if (running >= MAX_RUNNING) {
    throw new ApiError(
      "CONFLICT",
      `${running} jobs are already running; wait for one to finish or cancel it.`,
    );
  }
  const job: Job<T> = {
    id: randomUUID(),
    state: "running",
    startedAtMs: Date.now(),
    finishedAtMs: null,
    cancelRequested: false,
    data,
  };
  jobs.set(job.id, job as Job<unknown>);
  // Started on the next tick, so the caller has the id before the first batch runs.
  setImmediate(() => {
    run(job).then(
      (ended) => finish(job, ended, undefined, onEnd),
      (e: unknown) => finish(job, "failed", e instanceof Error ? e.message : String(e), onEnd),
    );
  });
  return job;
}

export function findJob(id: string): Job<unknown> {
  const job = jobs.get(id);
  if (!job) {
    throw new ApiError(
      "NOT_FOUND",
      "No such job (it may have finished more than 10 minutes ago, or the server restarted).",
    );
  }
  return job;
}

/** Asks a running job to stop after its current batch; a finished job is left as it is. */
export function cancelJob(id: string): Job<unknown> {
  const job = findJob(id);
  if (job.state === "running") job.cancelRequested = true;
  return job;
}
