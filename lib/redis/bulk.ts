import "server-only";
import type { ChainableCommander, Redis } from "ioredis";
import { bytesToJson } from "@/lib/bytes";
import { findJob, type Job, startJob } from "@/lib/jobs";
import type { BulkAction, BulkBody, JobView } from "@/lib/schemas/bulk";
import { openDedicatedNodes } from "./client";

// Bulk actions by pattern: walk the keyspace with SCAN MATCH (and TYPE) on a connection of the
// job's own, and delete (UNLINK), expire or persist each batch. Each round trip carries the
// action on the previous batch and the next SCAN step, so Redis never waits on us between the
// two, and holds Redis for about a millisecond (COUNT ~1,000). Keys stay Buffers throughout.

export type BulkData = {
  conn: string;
  db: number;
  action: BulkAction;
  dryRun: boolean;
  match: Buffer;
  type: string | null;
  ttl: number | null;
  count: number;
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

function scanArgs(cursor: string, d: BulkData): (string | number | Buffer)[] {
  const args: (string | number | Buffer)[] = [cursor, "MATCH", d.match, "COUNT", d.count];
  if (d.type) args.push("TYPE", d.type);
  return args;
}

/** Queues the action for one batch; returns how many replies it adds. */
function queueAction(p: ChainableCommander, d: BulkData, batch: Buffer[]): number {
  if (d.dryRun || batch.length === 0) return 0;
  if (d.action === "delete") {
    p.unlink(...batch);
    return 1;
  }
  for (const key of batch) {
    if (d.action === "expire") p.expire(key, d.ttl as number);
    else p.persist(key);
  }
  return batch.length;
}

/** Walks one node to the end; false when it stopped early because the job was cancelled. */
async function walkNode(node: Redis, job: Job<BulkData>, nodeIndex: number): Promise<boolean> {
  const d = job.data;
  const before = d.nodeSizes.slice(0, nodeIndex).reduce((a, b) => a + b, 0);
  const size = d.nodeSizes[nodeIndex] ?? 0;
  let cursor: string | null = "0"; // null once SCAN has answered "0"
  let batch: Buffer[] = [];
  while (cursor !== null || batch.length > 0) {
    if (job.cancelRequested) return false;
    const p = node.pipeline();
    const actionReplies = queueAction(p, d, batch);
    if (cursor !== null) p.callBuffer("SCAN", ...scanArgs(cursor, d));
    const replies = (await p.exec()) ?? [];
    for (let i = 0; i < actionReplies; i++) {
      const [err, result] = replies[i] ?? [];
      if (err) throw err;
      d.affected += Number(result);
    }
    batch = [];
    if (cursor !== null) {
      const [err, reply] = replies[actionReplies] ?? [];
      if (err) throw err;
      const [next, keys] = reply as [Buffer, Buffer[]];
      cursor = next.toString() === "0" ? null : next.toString();
      batch = keys;
      d.matched += keys.length;
      if (d.dryRun && d.sample.length < SAMPLE_SIZE)
        d.sample.push(...keys.slice(0, SAMPLE_SIZE - d.sample.length));
      const walked =
        cursor === null ? Math.max(size, d.matched - before) : cursorProgress(cursor) * size;
      d.scanned = Math.max(d.scanned, before + Math.round(walked));
    }
  }
  return true;
}

/** Opens the job's own connection, then starts the walk in the background. */
export async function startBulk(connId: string, db: number, body: BulkBody): Promise<string> {
  const nodes = await openDedicatedNodes(connId, db, "keyscope-bulk");
  const quitAll = () => Promise.all(nodes.map((n) => n.quit().catch(() => n.disconnect())));
  try {
    const nodeSizes = await Promise.all(nodes.map((n) => n.dbsize()));
    const data: BulkData = {
      conn: connId,
      db,
      action: body.action,
      dryRun: body.dryRun,
      match: Buffer.from(body.match),
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
  const progress =
    !running && job.state === "done" ? 1 : dbsize > 0 ? Math.min(1, d.scanned / dbsize) : 0;
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
    match: bytesToJson(d.match),
    type: d.type,
    dbsize,
    progress,
    keysPerSec: Math.round(keysPerSec),
    etaSeconds: !running
      ? 0
      : keysPerSec > 0
        ? Math.max(0, Math.round((dbsize - d.scanned) / keysPerSec))
        : null,
    elapsedMs,
    ...(d.dryRun && { sample: d.sample.map((k) => bytesToJson(k)) }),
  };
}

export function bulkJob(id: string): JobView {
  return bulkView(findJob(id));
}
