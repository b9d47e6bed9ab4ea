import { z } from "zod";
import { jsonBytes } from "./bytes";
import { MAX_TTL_SECONDS, typeName } from "./keys";
import { checkJobMatch } from "./match";

// POST …/db/{db}/bulk and GET/DELETE /api/jobs/{jobId}: actions on every key a glob matches,
// run as a background job that walks the keyspace with SCAN.

export const BULK_ACTIONS = ["delete", "expire", "persist"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/**
 * SCAN COUNT per step. A step's SCAN and its action run as one script, so this bounds how long
 * Redis is held at a time. Deleting 1M small keys on a busy 2-core machine (scripts/bench-bulk.mjs):
 * 250 per step held Redis p99 2.0 ms (as long as a bare loop's own SCAN or UNLINK), longest
 * ~5 ms; 500 per step p99 5.2 ms, longest ~11 ms. Total time: about that of a bare SCAN + UNLINK loop.
 */
export const BULK_COUNT_DEFAULT = 250;

export const bulkBody = z
  .strictObject({
    action: z.enum(BULK_ACTIONS),
    /** A glob, as SCAN MATCH takes it; a byte string, so a non-UTF-8 pattern goes as {"b64"}. */
    match: jsonBytes,
    type: typeName.optional(),
    ttl: z.number().int().min(1).max(MAX_TTL_SECONDS).optional(),
    dryRun: z.boolean().default(false),
    /** SCAN COUNT per step (addition; mostly for tests and tuning). */
    count: z.number().int().min(1).max(5000).default(BULK_COUNT_DEFAULT),
  })
  .superRefine((b, ctx) => {
    checkJobMatch(b.match, ctx);
    if (b.action === "expire" && b.ttl === undefined)
      ctx.addIssue({
        code: "custom",
        message: "ttl (whole seconds ≥ 1) is required for expire",
        path: ["ttl"],
      });
    if (b.action !== "expire" && b.ttl !== undefined)
      ctx.addIssue({ code: "custom", message: "ttl only applies to expire", path: ["ttl"] });
  });
export type BulkBody = z.infer<typeof bulkBody>;

export const jobStarted = z.object({ jobId: z.string() });

export const JOB_STATES = ["running", "done", "failed", "cancelled"] as const;
export type JobState = (typeof JOB_STATES)[number];

export const jobView = z.object({
  jobId: z.string(),
  kind: z.literal("bulk"),
  state: z.enum(JOB_STATES),
  /** Keys SCAN walked past so far (estimated from the cursor's position, exact at the end). */
  scanned: z.number(),
  /** Keys that matched the pattern (and type). */
  matched: z.number(),
  /** Keys deleted / given a TTL / persisted; 0 for a dry run. */
  affected: z.number(),
  /**
   * True when a batch's outcome is unknown (Redis did not answer it in time, and it may still
   * run): `matched` and `affected` are then at least what they say. The job keeps listening for
   * the late answer for a while and makes them exact (and this false) when it comes.
   */
  affectedIsLowerBound: z.boolean(),
  /** The job has ended but still waits (a bounded time) for a timed-out batch's late answer. */
  settling: z.boolean(),
  error: z.string().optional(),
  conn: z.string(),
  db: z.number(),
  action: z.enum(BULK_ACTIONS),
  dryRun: z.boolean(),
  match: jsonBytes,
  type: z.string().nullable(),
  /** DBSIZE when the job started. */
  dbsize: z.number(),
  /** 0–1: how far the walk is through the keyspace. */
  progress: z.number(),
  keysPerSec: z.number(),
  etaSeconds: z.number().nullable(),
  elapsedMs: z.number(),
  /** Dry runs: the first matching keys (at most 20). */
  sample: z.array(jsonBytes).optional(),
});
/** A job as the server reports it (match and sample as Buffers). */
export type JobView = z.output<typeof jobView>;
/** The same in its JSON form, as the browser gets it. */
export type JobViewJson = z.input<typeof jobView>;

export const jobParams = z.object({
  jobId: z.string().regex(/^[0-9a-f-]{36}$/, "jobId must be an id this server gave out"),
});
