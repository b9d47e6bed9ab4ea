import "server-only";
import { rm } from "node:fs/promises";
import type { Redis } from "ioredis";
import { utf8OrNull } from "@/lib/bytes";
import { ApiError } from "@/lib/errors";
import { FORGET_AFTER_MS, findJob, type Job, startJob } from "@/lib/jobs";
import { processState } from "@/lib/process-state";
import {
  type ExportBody,
  type ExportJobView,
  FORMAT_NAME,
  FORMAT_VERSION,
  type HeaderLine,
  type TransferFormat,
} from "@/lib/schemas/transfer";
import { cursorProgress } from "./bulk";
import { dumpBatch } from "./export-dump";
import { ExportFile, removeStaleExports } from "./export-file";
import { type BatchCounts, exportBatch } from "./export-read";
import { type Pace, pacedStep, paceFor } from "./scan-pace";
import { features } from "./server-features";
import { assertServerType } from "./server-types";
import { targetFor } from "./target";

// An export of the keys a glob (and type) matches, as a background job (lib/jobs.ts) on
// connections of its own: SCAN steps (paced and queued like every key walk), each step's keys
// read and written out at once (export-read.ts for JSON lines, export-dump.ts for DUMP CSV)
// into a file in the data directory (export-file.ts), so memory stays flat whatever the
// keyspace's size. An export only reads. When done, GET /api/jobs/{id}/download sends the file;
// it is removed when the job is forgotten (FORGET_AFTER_MS), or at once if cancelled or failed.

/**
 * SCAN COUNT per step. Each step is followed by two pipelined round trips over what it found
 * (export-read.ts), so this bounds both how long Redis is held (a SCAN of 1,000 small keys and
 * a pipeline of 3,000 O(1) commands: ~1 ms each) and the bytes a batch holds (1,000 × a 4 KiB
 * peek ≤ 4 MiB).
 */
const SCAN_COUNT = 1000;

type ExportData = {
  kind: "export";
  conn: string;
  db: number;
  match: Buffer;
  type: string | null;
  format: TransferFormat;
  nodeSizes: number[];
  scanned: number;
  counts: BatchCounts;
  bytes: number;
  hashFieldTtl: boolean;
  createdAt: number;
  /** The file being written, then the finished file (until the job is forgotten). */
  path: string | null;
  fileSize: number;
};

// Paths of live exports' files, so a new export's clean-up of stale files leaves them alone.
const liveFiles = processState("export.liveFiles", () => new Set<string>());

async function closeAll(nodes: Redis[]): Promise<void> {
  const quits = Promise.all(nodes.map((n) => n.quit().catch(() => {})));
  await Promise.race([quits, new Promise((r) => setTimeout(r, 1000).unref?.())]);
  for (const n of nodes) n.disconnect();
}

function scanStep(node: Redis, pace: Pace, cursor: string, d: ExportData) {
  return pacedStep(
    node,
    pace,
    async (count) => {
      const args: (string | number | Buffer)[] = [cursor, "MATCH", d.match, "COUNT", count];
      if (d.type) args.push("TYPE", d.type);
      const [next, keys] = (await node.callBuffer("SCAN", ...args)) as [Buffer, Buffer[]];
      return { next: next.toString(), keys };
    },
    "always",
  );
}

/** Walks one master; false when it stopped early for cancel(). */
async function walkNode(node: Redis, i: number, job: Job<ExportData>, file: ExportFile) {
  const d = job.data;
  const before = d.nodeSizes.slice(0, i).reduce((a, b) => a + b, 0);
  const size = d.nodeSizes[i] ?? 0;
  const pace = paceFor("keys", d.match, SCAN_COUNT);
  let step = scanStep(node, pace, "0", d);
  let cursor: string;
  do {
    const { next, keys } = await step;
    cursor = next;
    if (job.cancelRequested) return false;
    // The next SCAN is sent before this batch is read: one round trip fewer per step, and
    // Redis still answers one command at a time on this connection.
    if (cursor !== "0") {
      step = scanStep(node, pace, cursor, d);
      step.catch(() => {}); // awaited next turn; a failure below leaves it to settle alone
    }
    if (d.format === "jsonl")
      await exportBatch(node, keys, file, { hashFieldTtl: d.hashFieldTtl }, d.counts);
    else await dumpBatch(node, keys, file, d.counts);
    d.bytes = file.bytes;
    const walked = cursor === "0" ? size : cursorProgress(cursor) * size;
    d.scanned = Math.max(d.scanned, before + Math.round(walked));
  } while (cursor !== "0");
  return true;
}

function header(d: ExportData, redis: string): string {
  const line: HeaderLine = {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    createdAt: d.createdAt,
    source: {
      connection: d.conn,
      db: d.db,
      redis,
      // The glob as text for the header (a non-UTF-8 glob shows its bytes as latin1).
      match: utf8OrNull(d.match) ?? d.match.toString("latin1"),
      ...(d.type && { type: d.type }),
    },
  };
  return `${JSON.stringify(line)}\n`;
}

function footer(d: ExportData, sha256: string): string {
  const { exported, lines, droppedPending } = d.counts;
  const end = { end: true, keys: exported, lines, sha256 };
  return `${JSON.stringify(droppedPending > 0 ? { ...end, droppedPending } : end)}\n`;
}

/** Opens the job's connections and starts the export; resolves to the job id. */
export async function startExport(conn: string, db: number, body: ExportBody): Promise<string> {
  if (body.type) await assertServerType(conn, db, body.type);
  const nodes = (await targetFor(conn, db).dedicated("keyscope-export")).map((n) => n.client);
  let data: ExportData;
  let redis: string;
  try {
    const nodeSizes = await Promise.all(nodes.map((n) => n.dbsize()));
    const known = await features(nodes[0] as Redis);
    redis = known.version;
    data = {
      kind: "export",
      conn,
      db,
      match: body.match,
      type: body.type ?? null,
      format: body.format,
      nodeSizes,
      scanned: 0,
      counts: { exported: 0, skipped: 0, lines: 0, droppedPending: 0 },
      bytes: 0,
      hashFieldTtl: known.hashFieldTtl,
      createdAt: Date.now(),
      path: null,
      fileSize: 0,
    };
  } catch (e) {
    await closeAll(nodes);
    throw e;
  }
  const run = async (job: Job<ExportData>) => {
    const d = job.data;
    await removeStaleExports(liveFiles).catch(() => {});
    const file = await ExportFile.create(d.format === "jsonl" ? "jsonl" : "csv");
    d.path = file.path;
    liveFiles.add(file.path);
    try {
      if (d.format === "jsonl") await file.write(header(d, redis));
      for (let i = 0; i < nodes.length; i++) {
        if (!(await walkNode(nodes[i] as Redis, i, job, file))) {
          await discard(d, file);
          return "cancelled" as const;
        }
      }
      const written = file.path;
      d.fileSize = await file.finish(d.format === "jsonl" ? (sha) => footer(d, sha) : undefined);
      liveFiles.delete(written);
      liveFiles.add(file.path);
      d.path = file.path;
      d.bytes = d.fileSize;
    } catch (e) {
      await discard(d, file);
      throw e;
    }
    const path = file.path;
    // Removed with the job: a finished job is forgotten FORGET_AFTER_MS after it ends.
    setTimeout(() => {
      liveFiles.delete(path);
      rm(path, { force: true }).catch(() => {});
    }, FORGET_AFTER_MS).unref?.();
    return "done" as const;
  };
  try {
    return startJob(data, run, () => closeAll(nodes)).id;
  } catch (e) {
    await closeAll(nodes); // too many jobs running (409): the connections go back now
    throw e;
  }
}

async function discard(d: ExportData, file: ExportFile) {
  liveFiles.delete(file.path);
  d.path = null;
  await file.discard();
}

export function isExportJob(job: Job<unknown>): job is Job<ExportData> {
  return (job.data as Partial<ExportData>).kind === "export";
}

export function exportView(job: Job<ExportData>): ExportJobView {
  const d = job.data;
  const dbsize = d.nodeSizes.reduce((a, b) => a + b, 0);
  const elapsedMs = (job.finishedAtMs ?? Date.now()) - job.startedAtMs;
  const keysPerSec = elapsedMs > 0 ? (d.scanned / elapsedMs) * 1000 : 0;
  const progress = job.state === "done" ? 1 : dbsize > 0 ? Math.min(1, d.scanned / dbsize) : 0;
  let etaSeconds: number | null = 0;
  if (job.state === "running")
    etaSeconds = keysPerSec > 0 ? Math.max(0, Math.round((dbsize - d.scanned) / keysPerSec)) : null;
  return {
    jobId: job.id,
    kind: "export",
    state: job.state,
    conn: d.conn,
    db: d.db,
    match: d.match,
    type: d.type,
    format: d.format,
    scanned: d.scanned,
    exported: d.counts.exported,
    skipped: d.counts.skipped,
    bytes: d.bytes,
    dbsize,
    progress,
    keysPerSec: Math.round(keysPerSec),
    etaSeconds,
    elapsedMs,
    hashFieldTtl: d.hashFieldTtl,
    droppedPending: d.counts.droppedPending,
    ...(job.error !== undefined && { error: job.error }),
    ...(job.state === "done" && { download: `/api/jobs/${job.id}/download` }),
  };
}

/** A finished export's file; 404 for another kind of job, or one not done. */
export function exportFile(jobId: string): { path: string; size: number; filename: string } {
  const job = findJob(jobId);
  if (!isExportJob(job)) throw new ApiError("NOT_FOUND", "This job is not an export.");
  const d = job.data;
  if (job.state !== "done" || d.path === null)
    throw new ApiError(
      "NOT_FOUND",
      `The export is ${job.state}; its file is there once it is done.`,
    );
  const time = new Date(d.createdAt)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const conn = d.conn.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 64);
  const ext = d.format === "jsonl" ? "jsonl" : "csv";
  return { path: d.path, size: d.fileSize, filename: `keyscope-${conn}-db${d.db}-${time}.${ext}` };
}
