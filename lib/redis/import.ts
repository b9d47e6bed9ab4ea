import "server-only";
import type { Redis } from "ioredis";
import { appendAudit, bounded, type CutField, makeEntry } from "@/lib/audit";
import { findJob, type Job, startJob } from "@/lib/jobs";
import { type ImportJobView, MAX_FAILED_NAMED, type OnConflict } from "@/lib/schemas/import";
import type { TransferFormat } from "@/lib/schemas/transfer";
import { JOB_END_RESULT } from "./bulk-audit";
import { readLines } from "./import-lines";
import {
  MAX_CSV_LINE,
  MAX_JSONL_LINE,
  parseCsvLine,
  parseJsonLine,
  parseValue,
} from "./import-parse";
import { RoutedPipeline, type Router, routerFor } from "./import-route";
import { type Command, type KeyWrite, lineCommands, ttlCommands } from "./import-write";
import { features } from "./server-features";
import { targetFor } from "./target";

// The import job: the file was checked whole (import-check.ts), so here every line parses; it
// is read again from disk and written in pipelined batches on a connection of the job's own.
// Per key: skip it when it exists (onConflict=skip: one EXISTS pipeline per batch) or DEL it
// first (replace), write its lines, then its TTL. A key Redis refuses is failed, counted and
// named, and what was written of it is deleted (it did not exist before, or was replaced);
// the job goes on. Cancel stops after the batch in flight, and deletes the key it was in the
// middle of, so no half key is left.

/**
 * A batch: up to this many lines or bytes of lines, whichever first. 100k small keys (a vitest
 * run on the shared 2-core machine): 500 lines a batch took 7.8 s, 2,000 took 5.0 s, and with
 * the next batch parsed while one is in flight (below) 2.6 s. 1 MiB bounds what one pipeline
 * holds in memory and what Redis reads at a time. 1M keys: docs/benchmarks.md, "transfer".
 */
const BATCH_LINES = 2000;
const BATCH_BYTES = 1024 * 1024;

export type ImportData = {
  kind: "import";
  conn: string;
  db: number;
  format: TransferFormat;
  onConflict: OnConflict;
  path: string;
  keys: number;
  bytes: number;
  bytesDone: number;
  imported: number;
  skipped: number;
  failed: number;
  failures: { key: Buffer; error: string }[];
  fieldTtlsDropped: number;
  client: string;
};

type State = KeyWrite & {
  /** "set": a one-line string, written by one SET (with NX when skipping, PX for its TTL). */
  decision: "write" | "skip" | "set" | undefined;
  failed: boolean;
  /** DEL before the first write (replace). */
  del: boolean;
};

type Op =
  | { state: State; kind: "line"; value: unknown; first: boolean; no: number }
  | { state: State; kind: "csv"; payload: Buffer; pttl: number }
  | { state: State; kind: "end" };

export function isImportJob(job: Job<unknown>): job is Job<ImportData> {
  return (job.data as { kind?: string }).kind === "import";
}

export async function startImport(opts: {
  conn: string;
  db: number;
  format: TransferFormat;
  onConflict: OnConflict;
  path: string;
  keys: number;
  bytes: number;
  client: string;
  remove: () => Promise<void>;
}): Promise<string> {
  const target = targetFor(opts.conn, opts.db);
  const nodes = await target.dedicated("keyscope-import");
  let router: Router;
  try {
    router = await routerFor(target, nodes);
  } catch (e) {
    for (const n of nodes) n.client.disconnect();
    throw e;
  }
  const disconnect = () => {
    for (const c of router.clients) c.disconnect();
  };
  const data: ImportData = {
    kind: "import",
    conn: opts.conn,
    db: opts.db,
    format: opts.format,
    onConflict: opts.onConflict,
    path: opts.path,
    keys: opts.keys,
    bytes: opts.bytes,
    bytesDone: 0,
    imported: 0,
    skipped: 0,
    failed: 0,
    failures: [],
    fieldTtlsDropped: 0,
    client: opts.client,
  };
  const end = async (job: Job<ImportData>) => {
    disconnect();
    await opts.remove();
    await recordImportEnd(job);
  };
  try {
    // Every master runs the same version in a healthy cluster: the first one's features stand.
    const f = await features(router.clients[0] as Redis);
    return startJob(data, (job) => runImport(job, router, { hashFieldTtl: f.hashFieldTtl }), end)
      .id;
  } catch (e) {
    disconnect();
    throw e;
  }
}

async function runImport(
  job: Job<ImportData>,
  router: Router,
  f: { hashFieldTtl: boolean },
): Promise<"done" | "cancelled"> {
  const d = job.data;
  let batch: Op[] = [];
  let batchBytes = 0;
  let current: State | null = null;
  const newState = (key: Buffer, type: KeyWrite["type"], pttl: number): State => ({
    key,
    type,
    pttl,
    entries: 0,
    decision: undefined,
    failed: false,
    del: d.onConflict === "replace",
  });
  // One batch in flight while the next is read and parsed: Redis and the parsing overlap
  // (see BATCH_LINES). Batches are still sent in order, on one
  // connection, and a batch starts only once the one before it has answered.
  let inflight: Promise<void> = Promise.resolve();
  const flushIfFull = async (): Promise<boolean> => {
    if (batch.length < BATCH_LINES && batchBytes < BATCH_BYTES) return true;
    await inflight;
    inflight = flush(router, batch, d, f);
    inflight.catch(() => {}); // awaited below or at the next batch
    batch = [];
    batchBytes = 0;
    if (!job.cancelRequested) return true;
    await inflight;
    // Stopped inside a key: what was written of it goes, so no half key is left.
    if (current && current.decision === "write" && !current.failed)
      await router.route(current.key).del(current.key);
    return false;
  };
  const maxLine = d.format === "jsonl" ? MAX_JSONL_LINE : MAX_CSV_LINE;
  for await (const { no, bytes, offset } of readLines(d.path, maxLine)) {
    if (d.format === "dump-csv") {
      const line = parseCsvLine(bytes, no);
      const state = newState(line.key, "string", line.pttl);
      batch.push({ state, kind: "csv", payload: line.payload, pttl: line.pttl });
    } else {
      const parsed = parseJsonLine(bytes, no);
      if (parsed.kind === "key") {
        if (current) batch.push({ state: current, kind: "end" });
        const { key, type, pttl, value } = parsed.line;
        current = newState(key, type, pttl);
        batch.push({ state: current, kind: "line", value, first: true, no });
      } else if (parsed.kind === "part" && current) {
        batch.push({ state: current, kind: "line", value: parsed.line.value, first: false, no });
      }
    }
    batchBytes += bytes.length;
    d.bytesDone = offset;
    if (!(await flushIfFull())) return "cancelled";
  }
  if (current) batch.push({ state: current, kind: "end" });
  await inflight;
  if (batch.length) await flush(router, batch, d, f);
  d.bytesDone = d.bytes;
  return "done";
}

function fail(d: ImportData, s: State, error: unknown): void {
  if (s.failed) return;
  s.failed = true;
  d.failed++;
  if (d.failures.length < MAX_FAILED_NAMED)
    d.failures.push({ key: s.key, error: (error as Error).message ?? String(error) });
}

/**
 * Strings whose one line and end are both in this batch (most keys of most files) need no
 * EXISTS, DEL or PEXPIRE: `SET key value [PX pttl] [NX]` decides, replaces and sets the TTL at
 * once. 1M small keys, 70 % strings: about half the commands.
 */
function markOneLineStrings(ops: Op[]): void {
  const firsts = new Set<State>();
  for (const o of ops) {
    if (o.kind === "line" && o.first) firsts.add(o.state);
    else if (o.kind === "line") firsts.delete(o.state);
    else if (o.kind === "end" && firsts.has(o.state) && o.state.type === "string")
      o.state.decision ??= "set";
  }
}

/** One batch: decide (EXISTS), write, count; a refused command fails its key only. */
async function flush(router: Router, ops: Op[], d: ImportData, f: { hashFieldTtl: boolean }) {
  const csv = d.format === "dump-csv";
  if (!csv) markOneLineStrings(ops);
  if (!csv && d.onConflict === "skip") {
    const undecided = [...new Set(ops.map((o) => o.state))].filter((s) => !s.decision);
    if (undecided.length) {
      const p = new RoutedPipeline(router);
      for (const s of undecided) p.call(s.key, "EXISTS", s.key);
      const replies = await p.exec();
      undecided.forEach((s, i) => {
        const [err, n] = replies[i] ?? [new Error("no reply")];
        if (err) fail(d, s, err);
        s.decision = n === 1 ? "skip" : "write";
      });
    }
  } else {
    for (const o of ops) o.state.decision ??= "write";
  }
  // Every command of a key names the key second (lineCommands, ttlCommands): it goes to the
  // key's master.
  const p = new RoutedPipeline(router);
  const owners: { state: State; kind?: "csv" | "set" }[] = [];
  const send = (s: State, c: Command, kind?: "csv" | "set") => {
    p.call(s.key, ...c);
    owners.push({ state: s, kind });
  };
  for (const o of ops) {
    const s = o.state;
    if (s.failed) continue;
    if (s.decision === "set") {
      if (o.kind !== "line") continue;
      try {
        const value = parseValue("string", o.value, o.no);
        const px = s.pttl >= 0 ? ["PX", String(Math.max(1, s.pttl))] : [];
        const nx = d.onConflict === "skip" ? ["NX"] : [];
        send(s, ["SET", s.key, value, ...px, ...nx], "set");
      } catch (e) {
        fail(d, s, e);
      }
      continue;
    }
    if (s.decision !== "write") continue;
    if (o.kind === "csv") {
      // RESTORE's ttl is 0 for none; without REPLACE an existing key is BUSYKEY: skipped.
      const ttl = String(o.pttl < 0 ? 0 : Math.max(1, o.pttl));
      const replace = d.onConflict === "replace" ? ["REPLACE"] : [];
      send(s, ["RESTORE", s.key, ttl, o.payload, ...replace], "csv");
      continue;
    }
    if (s.del) {
      send(s, ["DEL", s.key]);
      s.del = false;
    }
    if (o.kind === "end") {
      for (const c of ttlCommands(s)) send(s, c);
      continue;
    }
    try {
      const { commands, fieldTtlsDropped } = lineCommands(s, o.value, o.first, o.no, f);
      d.fieldTtlsDropped += fieldTtlsDropped;
      for (const c of commands) send(s, c);
    } catch (e) {
      fail(d, s, e);
    }
  }
  const replies = owners.length ? await p.exec() : [];
  owners.forEach(({ state, kind }, i) => {
    const [err, reply] = replies[i] ?? [new Error("no reply")];
    // SET … NX answers nil when the key exists: skipped, as EXISTS would have said.
    if (!err && kind === "set" && reply === null) state.decision = "skip";
    if (!err) return;
    if (kind === "csv" && /^BUSYKEY/.test(err.message)) state.decision = "skip";
    else fail(d, state, err);
  });
  // Counted once a key is whole: its "end" (jsonl) or its one RESTORE (csv).
  const gone: Buffer[] = [];
  for (const o of ops) {
    if (o.kind === "line") continue;
    const s = o.state;
    if (s.failed) {
      // Not after a refused RESTORE: Redis checks the payload before it replaces anything.
      if (s.decision === "write" && o.kind === "end") gone.push(s.key);
    } else if (s.decision === "skip") d.skipped++;
    else d.imported++;
  }
  // A failed key loses what was written of it (it did not exist, or was replaced anyway).
  // Keys that failed in an earlier batch, mid-way, are deleted when their end comes.
  if (gone.length) {
    const del = new RoutedPipeline(router);
    for (const k of gone) del.call(k, "DEL", k);
    await del.exec();
  }
}

export function importView(job: Job<unknown>): ImportJobView {
  const d = job.data as ImportData;
  const done = d.imported + d.skipped + d.failed;
  const elapsedMs = (job.finishedAtMs ?? Date.now()) - job.startedAtMs;
  const keysPerSec = elapsedMs > 0 ? (done / elapsedMs) * 1000 : 0;
  const running = job.state === "running";
  let etaSeconds: number | null = 0;
  if (running)
    etaSeconds = keysPerSec > 0 ? Math.max(0, Math.round((d.keys - done) / keysPerSec)) : null;
  return {
    jobId: job.id,
    kind: "import",
    state: job.state,
    conn: d.conn,
    db: d.db,
    format: d.format,
    onConflict: d.onConflict,
    keys: d.keys,
    imported: d.imported,
    skipped: d.skipped,
    failed: d.failed,
    failures: d.failures,
    fieldTtlsDropped: d.fieldTtlsDropped,
    bytes: d.bytes,
    bytesDone: d.bytesDone,
    progress: job.state === "done" ? 1 : d.keys > 0 ? Math.min(1, done / d.keys) : 0,
    keysPerSec: Math.round(keysPerSec),
    etaSeconds,
    elapsedMs,
    ...(job.error !== undefined && { error: job.error }),
  };
}

export function importJob(id: string): ImportJobView {
  return importView(findJob(id));
}

/** The job's outcome in the audit log (counts, never a key's value). */
async function recordImportEnd(job: Job<ImportData>): Promise<void> {
  const d = job.data;
  const cut: CutField[] = [];
  const detail = {
    jobId: job.id,
    format: d.format,
    onConflict: d.onConflict,
    state: job.state,
    keys: d.keys,
    imported: d.imported,
    skipped: d.skipped,
    failed: d.failed,
    startedAt: new Date(job.startedAtMs).toISOString(),
    ...(job.error !== undefined && { error: bounded(job.error, "detail.error", cut) }),
  };
  const entry = {
    time: new Date().toISOString(),
    client: d.client,
    conn: d.conn,
    db: d.db,
    action: "import job",
    detail,
    result: JOB_END_RESULT[job.state],
  };
  await appendAudit(makeEntry(entry, cut));
}
