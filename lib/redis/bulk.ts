import "server-only";
import type { Redis } from "ioredis";
import { findJob, type Job, startJob } from "@/lib/jobs";
import type { BulkBody, JobView } from "@/lib/schemas/bulk";
import { bulkStep, type StepSpec, type Walk } from "./bulk-steps";
import { assertServerType } from "./server-types";
import { targetFor } from "./target";

// Bulk actions by pattern as background jobs: walk each master's keyspace with SCAN MATCH (and
// TYPE) on a connection of the job's own, so the walk never queues behind the UI's reads, and
// delete (UNLINK), expire or persist what it finds, batch by batch (lib/redis/bulk-steps.ts).

export type BulkData = StepSpec & {
  conn: string;
  db: number;
  /** DBSIZE of each node when the job started. */
  nodeSizes: number[];
  scanned: number;
  matched: number;
  affected: number;
  sample: Buffer[];
};

const SAMPLE_SIZE = 20;

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
async function walkNode(node: Redis, job: Job<BulkData>, nodeIndex: number): Promise<boolean> {
  const d = job.data;
  const before = d.nodeSizes.slice(0, nodeIndex).reduce((a, b) => a + b, 0);
  const size = d.nodeSizes[nodeIndex] ?? 0;
  const walk: Walk = { cursor: "0", pending: [] };
  while (walk.cursor !== null || walk.pending.length > 0) {
    if (job.cancelRequested) return false;
    const step = await bulkStep(node, walk, d);
    d.matched += step.matched;
    d.affected += step.affected;
    if (d.dryRun && d.sample.length < SAMPLE_SIZE)
      d.sample.push(...step.keys.slice(0, SAMPLE_SIZE - d.sample.length));
    // Keys walked past, estimated from the cursor (exact, DBSIZE, once the node is done).
    const walked =
      walk.cursor === null
        ? Math.max(size, d.matched - before)
        : cursorProgress(walk.cursor) * size;
    d.scanned = Math.max(d.scanned, before + Math.round(walked));
  }
  return true;
}

/** Opens the job's own connection, then starts the walk in the background. */
export async function startBulk(connId: string, db: number, body: BulkBody): Promise<string> {
  if (body.type) await assertServerType(connId, db, body.type);
  const nodes = (await targetFor(connId, db).dedicated("keyscope-bulk")).map((n) => n.client);
  const quitAll = () => Promise.all(nodes.map((n) => n.quit().catch(() => n.disconnect())));
  try {
    const nodeSizes = await Promise.all(nodes.map((n) => n.dbsize()));
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
      scanned: 0,
      matched: 0,
      affected: 0,
      sample: [],
    };
    const job = startJob(data, async (j) => {
      try {
        for (let i = 0; i < nodes.length; i++)
          if (!(await walkNode(nodes[i] as Redis, j, i))) return "cancelled";
        return "done";
      } finally {
        await quitAll();
      }
    });
    return job.id;
  } catch (e) {
    await quitAll();
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
    state: job.state,
    scanned: d.scanned,
    matched: d.matched,
    affected: d.affected,
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
