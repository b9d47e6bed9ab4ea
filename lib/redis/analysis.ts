import "server-only";
import type { Redis } from "ioredis";
import { createReportBuilder, type ReportBuilder } from "@/lib/analysis/report-builder";
import { newReportId, saveReport } from "@/lib/analysis/store";
import { findJob, type Job, startJob } from "@/lib/jobs";
import type { AnalysisBody, AnalysisJobView, AnalysisMode } from "@/lib/schemas/analysis";
import { keysBatch, randomKeys, type ScanBatch, scanBatch } from "./analysis-batch";
import { serverFacts } from "./analysis-facts";
import { cursorProgress } from "./bulk";
import { onEveryMaster } from "./every-master";
import { targetFor } from "./target";

// A memory analysis as a background job (lib/jobs.ts): on a connection of its own, per master,
// it reads every key (full: SCAN) or a uniform sample (sample: RANDOMKEY), batch by batch, each
// batch one script (analysis-batch.ts), and feeds each key's figures to the report builder,
// which keeps bounded aggregates: no key list is ever held, whatever the keyspace's size. When
// done the report goes to the data directory (lib/analysis/store.ts); a cancelled or failed
// analysis leaves none.

/**
 * The latency budget: how long one batch may hold Redis. Another client's command waits about
 * one batch and a half (the rest of the running script, then possibly our next one, already
 * queued, before its reply is written), so this bounds what it sees added: the issue's target is
 * a PING < 10 ms p99 during a full analysis. After each batch its COUNT is scaled towards this,
 * within MIN/MAX_BATCH, from the script's own time (TIME inside it). No pause between batches: on
 * a loaded machine a preempted batch made the job sleep for nothing (bench, 1M keys: 39 s with a
 * pause after any batch over 2× the budget, 23 s without, on a similar load); a slow batch
 * shrinks the next instead. Measured (bench, 1M keys, 2 shared cores): 4 ms gave PING p99 11 and
 * 19 ms (idle p99 2 and 6 ms) at 0.85× and 1.14× redis-cli --memkeys' time; 3 ms gave 11 ms at 1.06×:
 * the p99 is the machine's noise plus Redis's CPU being the bottleneck (10.6 s of 15.2 s), not
 * the batch size, so the faster setting stays.
 */
export const BATCH_BUDGET_MS = 4;
const MIN_BATCH = 20;
const MAX_BATCH = 1000;
const FIRST_BATCH = 200;

type AnalysisData = {
  kind: "analysis";
  conn: string;
  db: number;
  mode: AnalysisMode;
  /** DBSIZE of each master when the job started. */
  nodeSizes: number[];
  /** Keys read so far. */
  scanned: number;
  /** Sample mode: keys to read in all. */
  sampleSize: number;
  /** Full mode: how far the walk is, 0–1 (from the cursors). */
  walked: number;
  /** Full mode: keys walked past on each master (estimated from its cursor). */
  nodeWalked: number[];
  batchSize: number;
  longestBatchMs: number;
  reportId?: string;
};

/** One master's batch size: each master is paced on its own (they are read in parallel). */
type Pacer = { batchSize: number };

/** The next batch size from how long the last one took (see BATCH_BUDGET_MS). */
async function pace(d: AnalysisData, p: Pacer, tookMs: number): Promise<void> {
  // tookMs is how long Redis was held (the script's own TIME), not the round trip.
  d.longestBatchMs = Math.max(d.longestBatchMs, Math.round(tookMs));
  const scaled = p.batchSize * (BATCH_BUDGET_MS / Math.max(tookMs, 0.5));
  // Grow by at most 2× a step, so one fast batch (an empty stretch of the table) cannot jump.
  p.batchSize = Math.round(Math.min(MAX_BATCH, Math.max(MIN_BATCH, scaled, 0), p.batchSize * 2));
  d.batchSize = p.batchSize;
  await new Promise((r) => setImmediate(r)); // the UI's requests between two batches
}

/**
 * Walks one master. The next batch is sent as soon as this one's cursor is known, and this one's
 * samples go to the builder while Redis runs it: Node's work overlaps Redis's, and Redis is
 * still held one batch at a time (another client's command waits at most one).
 */
async function fullNode(
  node: Redis,
  job: Job<AnalysisData>,
  builder: ReportBuilder,
  index: number,
  memorySamples: number,
): Promise<boolean> {
  const d = job.data;
  const total = d.nodeSizes.reduce((a, b) => a + b, 0) || 1;
  const size = d.nodeSizes[index] ?? 0;
  const p: Pacer = { batchSize: FIRST_BATCH };
  let next: Promise<ScanBatch> | null = scanBatch(node, "0", p.batchSize, memorySamples);
  while (next) {
    const batch: ScanBatch = await next;
    next = null;
    await pace(d, p, batch.redisMs);
    const more = batch.cursor !== "0";
    if (more && !job.cancelRequested)
      next = scanBatch(node, batch.cursor, p.batchSize, memorySamples);
    next?.catch(() => {}); // awaited on the next turn; a cancel below leaves it to settle alone
    for (const s of batch.samples) builder.add(s);
    d.scanned += batch.samples.length;
    const nodeShare = more ? cursorProgress(batch.cursor) : 1;
    d.nodeWalked[index] = nodeShare * size;
    d.walked = d.nodeWalked.reduce((a, b) => a + b, 0) / total;
    if (more && job.cancelRequested) return false;
  }
  return true;
}

async function sampleNode(
  node: Redis,
  job: Job<AnalysisData>,
  builder: ReportBuilder,
  wanted: number,
  memorySamples: number,
): Promise<boolean> {
  const d = job.data;
  const p: Pacer = { batchSize: FIRST_BATCH };
  let read = 0;
  while (read < wanted) {
    if (job.cancelRequested) return false;
    const keys = await randomKeys(node, Math.min(p.batchSize, wanted - read));
    if (keys.length === 0) return true; // the db emptied meanwhile
    const batch = await keysBatch(node, keys, memorySamples);
    for (const s of batch.samples) builder.add(s);
    read += keys.length;
    d.scanned += batch.samples.length;
    // Paced on the script's time: RANDOMKEY costs Redis ~1 µs a key, far less than the script.
    await pace(d, p, batch.redisMs);
  }
  return true;
}

/**
 * Sample sizes per master, in proportion to their DBSIZE, so the sample stays uniform over the
 * whole keyspace. RANDOMKEY samples with replacement: a key may be read twice, which keeps each
 * draw uniform (deduplicating would bias a small db's sample towards its rarer keys), so no
 * dedupe.
 */
function shares(sizes: number[], sampleSize: number): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total === 0) return sizes.map(() => 0);
  return sizes.map((s) => Math.round((s / total) * sampleSize));
}

/** Opens the job's connections and starts the analysis; resolves to the job id. */
export async function startAnalysis(conn: string, db: number, body: AnalysisBody) {
  const dedicated = await targetFor(conn, db).dedicated("keyscope-analysis");
  const nodes = dedicated.map((n) => n.client);
  const close = async () => {
    await Promise.all(nodes.map((n) => n.quit().catch(() => n.disconnect())));
  };
  let facts: Awaited<ReturnType<typeof serverFacts>>;
  let nodeSizes: number[];
  try {
    nodeSizes = await Promise.all(nodes.map((n) => n.dbsize()));
    facts = await serverFacts(nodes[0] as Redis);
  } catch (e) {
    await close();
    throw e;
  }
  const data: AnalysisData = {
    kind: "analysis",
    conn,
    db,
    mode: body.mode,
    nodeSizes,
    scanned: 0,
    sampleSize: body.sampleSize,
    walked: 0,
    nodeWalked: nodeSizes.map(() => 0),
    batchSize: FIRST_BATCH,
    longestBatchMs: 0,
  };
  const run = async (job: Job<AnalysisData>) => {
    const builder = createReportBuilder({ delimiter: body.delimiter });
    const started = Date.now();
    const perNode = shares(nodeSizes, body.sampleSize);
    // Every master at once, each paced on its own; the builder is fed from one thread (Node's),
    // so their samples interleave safely. A master that fails stops the others' next batch.
    const finished = await onEveryMaster(
      nodes.length,
      (i, stopped) => {
        const node = nodes[i] as Redis;
        // The node walks check cancelRequested: a failed master reads as a cancel for the others.
        const guarded: Job<AnalysisData> = new Proxy(job, {
          get: (t, k) =>
            k === "cancelRequested" ? t.cancelRequested || stopped() : Reflect.get(t, k),
        });
        return body.mode === "full"
          ? fullNode(node, guarded, builder, i, body.memorySamples)
          : sampleNode(node, guarded, builder, perNode[i] ?? 0, body.memorySamples);
      },
      (e, i) => {
        const addr = dedicated[i]?.addr;
        if (nodes.length < 2 || !addr || !(e instanceof Error)) return e;
        return new Error(`Master ${addr} failed mid-analysis (${e.message}); no report was saved.`);
      },
    );
    if (!finished) return "cancelled" as const;
    const dbsize = nodeSizes.reduce((a, b) => a + b, 0);
    const keysRead = job.data.scanned;
    const id = newReportId(started);
    const report = builder.finish({
      id,
      db,
      mode: body.mode,
      createdAt: Math.floor(started / 1000),
      delimiter: body.delimiter,
      memorySamples: body.memorySamples,
      keysRead,
      dbsize,
      durationMs: Date.now() - started,
      scale: body.mode === "sample" && keysRead > 0 ? dbsize / keysRead : 1,
      server: facts,
    });
    await saveReport(conn, report);
    job.data.reportId = id;
    return "done" as const;
  };
  try {
    return startJob(data, run, () => close()).id;
  } catch (e) {
    await close(); // too many jobs running (409): the connection goes back now
    throw e;
  }
}

export function isAnalysisJob(job: Job<unknown>): job is Job<AnalysisData> {
  return (job.data as Partial<AnalysisData>).kind === "analysis";
}

export function analysisView(job: Job<AnalysisData>): AnalysisJobView {
  const d = job.data;
  const dbsize = d.nodeSizes.reduce((a, b) => a + b, 0);
  const elapsedMs = (job.finishedAtMs ?? Date.now()) - job.startedAtMs;
  const keysPerSec = elapsedMs > 0 ? (d.scanned / elapsedMs) * 1000 : 0;
  let progress = d.mode === "full" ? d.walked : dbsize > 0 ? d.scanned / d.sampleSize : 0;
  if (job.state === "done") progress = 1;
  progress = Math.min(1, Math.max(0, progress));
  let etaSeconds: number | null = 0;
  if (job.state === "running") {
    const rate = progress / Math.max(elapsedMs, 1);
    etaSeconds = rate > 0 ? Math.round((1 - progress) / rate / 1000) : null;
  }
  return {
    jobId: job.id,
    kind: "analysis",
    state: job.state,
    conn: d.conn,
    db: d.db,
    mode: d.mode,
    progress,
    keysPerSec: Math.round(keysPerSec),
    etaSeconds,
    elapsedMs,
    scanned: d.scanned,
    dbsize,
    batchSize: d.batchSize,
    longestBatchMs: d.longestBatchMs,
    ...(d.reportId !== undefined && { reportId: d.reportId }),
    ...(job.error !== undefined && { error: job.error }),
  };
}

/** A job's view if it is an analysis, else null (the jobs route then asks bulk). */
export function analysisJob(id: string): AnalysisJobView | null {
  const job = findJob(id);
  return isAnalysisJob(job) ? analysisView(job) : null;
}
