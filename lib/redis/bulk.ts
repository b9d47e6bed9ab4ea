import "server-only";
import { type Redis, ReplyError } from "ioredis";
import { config } from "@/lib/config";
import { findJob, type Job, startJob } from "@/lib/jobs";
import type { BulkBody, JobView } from "@/lib/schemas/bulk";
import { recordJobEnd } from "./bulk-audit";
import { bulkStep, type StepResult, type StepSpec, type Walk } from "./bulk-steps";
import { onEveryMaster } from "./every-master";
import { assertServerType } from "./server-types";
import { targetFor } from "./target";

// Bulk actions by pattern as background jobs: walk each master's keyspace with SCAN MATCH (and
// TYPE) on a connection of the job's own, so the walk never queues behind the UI's reads, and
// delete (UNLINK), expire or persist what it finds, batch by batch (lib/redis/bulk-steps.ts).
//
// A batch Redis does not answer within the command timeout fails the job, but it may still run
// when Redis goes on (a SIGSTOPped server runs what it was sent once it is resumed: issue 9 saw
// affected=50917 while 50,938 were changed). So the job's counts are then marked as a lower
// bound, and the job keeps listening, on its own connection, for that batch's late answer for
// RECONCILE_FACTOR × the command timeout: when it comes, its counts are added and the counts
// are exact again. Only then is the connection closed and the audit entry written.

export type BulkData = StepSpec & {
  conn: string;
  db: number;
  /** DBSIZE of each node when the job started. */
  nodeSizes: number[];
  /** The nodes' addresses (a cluster's masters), for a message naming the one that failed. */
  nodeAddrs: (string | undefined)[];
  /** Keys walked past on each node; `scanned` is their sum (the nodes are walked in parallel). */
  nodeScanned: number[];
  scanned: number;
  matched: number;
  affected: number;
  /** A batch's outcome is unknown (it timed out): the counts are at least what they say. */
  affectedIsLowerBound: boolean;
  /** Ended, and waiting for a timed-out batch's late answer. */
  settling: boolean;
  sample: Buffer[];
  /** Who started the job (its audit entry names them). */
  client: string;
};

const SAMPLE_SIZE = 20;
/** How long a job waits for a timed-out batch's late answer, in command timeouts. */
const RECONCILE_FACTOR = 6;

/** A batch Redis did not answer in time; `late` is its answer, should it still come. */
class BatchTimedOut extends Error {
  constructor(
    readonly late: Promise<StepResult>,
    ms: number,
  ) {
    super(
      `Redis did not answer a batch within ${ms} ms; it may still run when Redis goes on, so the counts are at least what they say.`,
    );
  }
}

/** `p`, or `error()` after `ms` (the job's connections have no command timeout of their own). */
async function orTimeout<T>(p: Promise<T>, ms: number, error: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(error()), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The step's answer, or BatchTimedOut after `ms` (the step itself goes on: see above). */
function timed(step: Promise<StepResult>, ms: number): Promise<StepResult> {
  step.catch(() => {}); // a late failure is handled by whoever awaits `late`
  return orTimeout(step, ms, () => new BatchTimedOut(step, ms));
}

/** `p`'s value, or null when it fails or takes longer than `ms`. */
function within<T>(p: Promise<T>, ms: number): Promise<T | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    p.then(
      (v) => resolve(v),
      () => resolve(null),
    ).finally(() => clearTimeout(timer));
  });
}

/**
 * How far a SCAN walk is, 0–1, from its cursor alone. Redis advances the cursor by incrementing
 * its bit-reversed value, so the reversed cursor over 2^64 is the fraction of the hash table
 * visited — whatever the table's size, and across resizes (which is why SCAN's guarantees hold).
 */
export function cursorProgress(cursor: string): number {
  let v = BigInt(cursor);
  let reversed = 0n;
  for (let i = 0; i < 64; i++) {
    reversed = (reversed << 1n) | (v & 1n);
    v >>= 1n;
  }
  return Number(reversed) / 2 ** 64;
}

/** Walks one node to the end; false when it stopped early because the job was cancelled. */
async function walkNode(
  node: Redis,
  job: Job<BulkData>,
  nodeIndex: number,
  stopped: () => boolean,
): Promise<boolean> {
  const d = job.data;
  const size = d.nodeSizes[nodeIndex] ?? 0;
  const walk: Walk = { cursor: "0", pending: [] };
  let matchedHere = 0;
  while (walk.cursor !== null || walk.pending.length > 0) {
    // Another master failed: this one stops too, so the job ends with what was done.
    if (job.cancelRequested || stopped()) return false;
    const step = await timed(bulkStep(node, walk, d), config().commandTimeoutMs);
    d.matched += step.matched;
    d.affected += step.affected;
    matchedHere += step.matched;
    if (d.dryRun && d.sample.length < SAMPLE_SIZE)
      d.sample.push(...step.keys.slice(0, SAMPLE_SIZE - d.sample.length));
    // Keys walked past, estimated from the cursor (exact, DBSIZE, once the node is done).
    const walked =
      walk.cursor === null ? Math.max(size, matchedHere) : cursorProgress(walk.cursor) * size;
    d.nodeScanned[nodeIndex] = Math.max(d.nodeScanned[nodeIndex] ?? 0, Math.round(walked));
    d.scanned = d.nodeScanned.reduce((a, b) => a + b, 0);
  }
  return true;
}

/** The error of a node that failed, naming it when there are several and counting what was done. */
function nodeFailure(e: unknown, d: BulkData, index: number): unknown {
  const addr = d.nodeAddrs[index];
  if (d.nodeAddrs.length < 2 || !addr || !(e instanceof Error) || e instanceof BatchTimedOut)
    return e;
  const done = d.dryRun ? `${d.matched} matched` : `${d.affected} keys changed`;
  const failed = new Error(
    `Master ${addr} failed mid-job (${e.message}); the other masters were stopped, ${done} before that.`,
  );
  return Object.assign(failed, { cause: e });
}

/**
 * Closes the job's connections: QUIT, but never waiting on a Redis that does not answer (they
 * have no command timeout), then the sockets go.
 */
async function closeAll(nodes: Redis[]): Promise<void> {
  const quits = Promise.all(nodes.map((n) => n.quit().catch(() => {})));
  await within(quits, 1000);
  for (const n of nodes) n.disconnect();
}

/** Once the job has ended: the late answer of a timed-out batch (bounded), then the audit entry. */
async function settle(job: Job<BulkData>, nodes: Redis[], late: Promise<StepResult> | null) {
  const d = job.data;
  try {
    if (late) {
      d.settling = true;
      const answer = await within(late, RECONCILE_FACTOR * config().commandTimeoutMs);
      if (answer) {
        d.matched += answer.matched;
        d.affected += answer.affected;
        d.affectedIsLowerBound = false;
      }
    }
  } finally {
    d.settling = false;
    await closeAll(nodes);
  }
  if (!d.dryRun) await recordJobEnd(job);
}

/** Opens the job's own connection, then starts the walk in the background. */
export async function startBulk(
  connId: string,
  db: number,
  body: BulkBody,
  client: string,
): Promise<string> {
  if (body.type) await assertServerType(connId, db, body.type);
  // No command timeout on them: the walk times each batch itself and keeps a late answer.
  const dedicated = await targetFor(connId, db).dedicated("keyscope-bulk", { ownTimeout: true });
  const nodes = dedicated.map((n) => n.client);
  try {
    const sizes = Promise.all(nodes.map((n) => n.dbsize()));
    // ioredis's own message for it, so the answer is the usual 503.
    const nodeSizes = await orTimeout(
      sizes,
      config().commandTimeoutMs,
      () => new Error("Command timed out"),
    );
    const data: BulkData = {
      conn: connId,
      db,
      action: body.action,
      dryRun: body.dryRun,
      match: body.match,
      type: body.type ?? null,
      ttl: body.ttl ?? null,
      count: body.count,
      nodeSizes,
      nodeAddrs: dedicated.map((n) => n.addr),
      nodeScanned: nodeSizes.map(() => 0),
      scanned: 0,
      matched: 0,
      affected: 0,
      affectedIsLowerBound: false,
      settling: false,
      sample: [],
      client,
    };
    let late: Promise<StepResult> | null = null;
    // Every master at once, each on its own connection: one job, one progress (the sum), and a
    // cancel or a failing master stops them all.
    const walkAll = async (j: Job<BulkData>) => {
      try {
        const finished = await onEveryMaster(
          nodes.length,
          (i, stopped) => walkNode(nodes[i] as Redis, j, i, stopped),
          (e, i) => nodeFailure(e, j.data, i),
        );
        return finished ? ("done" as const) : ("cancelled" as const);
      } catch (e) {
        const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e;
        if (cause instanceof BatchTimedOut) {
          j.data.affectedIsLowerBound = true;
          late = cause.late;
        } else if (!(cause instanceof ReplyError) && !j.data.dryRun) {
          // The connection failed mid-batch (closed, reset): the batch may have run, and no
          // answer will come to say so.
          j.data.affectedIsLowerBound = true;
        }
        throw e;
      }
    };
    return startJob(data, walkAll, (j) => settle(j, nodes, late)).id;
  } catch (e) {
    await closeAll(nodes);
    throw e;
  }
}

export function bulkView(job: Job<unknown>): JobView {
  const d = job.data as BulkData;
  const dbsize = d.nodeSizes.reduce((a, b) => a + b, 0);
  const elapsedMs = (job.finishedAtMs ?? Date.now()) - job.startedAtMs;
  const keysPerSec = elapsedMs > 0 ? (d.scanned / elapsedMs) * 1000 : 0;
  const running = job.state === "running";
  const progress = job.state === "done" ? 1 : dbsize > 0 ? Math.min(1, d.scanned / dbsize) : 0;
  let etaSeconds: number | null = 0;
  if (running)
    etaSeconds = keysPerSec > 0 ? Math.max(0, Math.round((dbsize - d.scanned) / keysPerSec)) : null;
  return {
    jobId: job.id,
    kind: "bulk",
    state: job.state,
    scanned: d.scanned,
    matched: d.matched,
    affected: d.affected,
    affectedIsLowerBound: d.affectedIsLowerBound,
    settling: d.settling,
    ...(job.error !== undefined && { error: job.error }),
    conn: d.conn,
    db: d.db,
    action: d.action,
    dryRun: d.dryRun,
    match: d.match,
    type: d.type,
    dbsize,
    progress,
    keysPerSec: Math.round(keysPerSec),
    etaSeconds,
    elapsedMs,
    ...(d.dryRun && { sample: d.sample }),
  };
}

export function bulkJob(id: string): JobView {
  return bulkView(findJob(id));
}
