import { once } from "node:events";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { importHalf } from "./transfer-import.mjs";
import {
  checksTable,
  cpuMsOf,
  int,
  log,
  mib,
  positiveInt,
  ratio,
  runInfoLine,
  secs,
  sleep,
  timedRedisCli,
} from "./util.mjs";
import { rssOf, rssSampler } from "./values-data.mjs";

const KEYS = positiveInt("BENCH_TRANSFER_KEYS", 1_000_000);
const RSS_TARGET_MIB = 250;
const SEED_BATCH = 10_000;

/**
 * Small mixed keys: 70 % strings (10–100 B), 15 % hashes (3 fields), 5 % sets, 5 % zsets, 5 %
 * lists; a tenth with a TTL, one key in 50 with a non-UTF-8 byte in its name.
 * @param {import("ioredis").Redis} admin
 */
export async function seedTransfer(admin) {
  for (let at = 0; at < KEYS; at += SEED_BATCH) {
    const p = admin.pipeline();
    for (let i = at; i < Math.min(KEYS, at + SEED_BATCH); i++) {
      const key = i % 50 === 0 ? Buffer.from(`t:${i}:\xff`, "latin1") : `t:${i % 97}:${i}`;
      const kind = i % 20;
      if (kind < 14) p.set(key, "v".repeat(10 + (i % 90)));
      else if (kind < 17) p.hset(key, "a", "1", "b", "22", "c", String(i));
      else if (kind < 18) p.sadd(key, "m1", "m2", String(i));
      else if (kind < 19) p.zadd(key, 1, "a", 2, "b", 3, String(i));
      else p.rpush(key, "a", "b", "c", String(i));
      if (i % 10 === 0) p.expire(key, 3600 + (i % 86400));
    }
    await p.exec();
  }
}

/** @param {number} port @returns {Promise<number>} ms */
function cliScan(port) {
  // No --count: redis-cli 7.0 has none (its SCAN then uses Redis's default COUNT 10).
  return timedRedisCli(["-p", String(port), "--scan"]);
}

/**
 * The baseline: SCAN + pipelined PTTL/DUMP, written as DUMP CSV lines with backpressure.
 * @param {import("ioredis").Redis} client @param {string} path
 */
async function bareDumpLoop(client, path) {
  const t = performance.now();
  const out = createWriteStream(path);
  let cursor = "0";
  let keys = 0;
  do {
    const [next, batch] = /** @type {[Buffer, Buffer[]]} */ (
      await client.callBuffer("SCAN", cursor, "COUNT", 1000)
    );
    cursor = next.toString();
    const p = client.pipeline();
    for (const k of batch) {
      p.pttl(k);
      p.dumpBuffer(k);
    }
    const replies = /** @type {[Error | null, unknown][]} */ ((await p.exec()) ?? []);
    let text = "";
    for (let i = 0; i < batch.length; i++) {
      const payload = replies[i * 2 + 1]?.[1];
      if (!Buffer.isBuffer(payload)) continue;
      text += `${batch[i]?.toString("hex")},${payload.toString("hex")},${replies[i * 2]?.[1]}\n`;
      keys++;
    }
    if (!out.write(text)) await once(out, "drain");
  } while (cursor !== "0");
  out.end();
  await once(out, "finish");
  return { ms: performance.now() - t, keys, bytes: statSync(path).size };
}

/**
 * POST …/export, poll the job to "done", then download the file (to disk, streamed).
 * @param {string} base @param {Record<string, unknown>} body @param {string} path
 */
export async function exportThroughApi(base, body, path) {
  const t = performance.now();
  const res = await fetch(`${base}/api/connections/default/db/0/export`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify(body),
  });
  if (res.status !== 202) throw new Error(`POST …/export → ${res.status}: ${await res.text()}`);
  const { jobId } = await res.json();
  let job;
  for (;;) {
    await sleep(200);
    job = await (await fetch(`${base}/api/jobs/${jobId}`)).json();
    if (job.state === "running") continue;
    if (job.state !== "done") throw new Error(`export ${job.state}: ${job.error ?? ""}`);
    break;
  }
  const jobMs = performance.now() - t;
  const t2 = performance.now();
  const file = await fetch(`${base}${job.download}`);
  if (!file.ok || !file.body) throw new Error(`download → ${file.status}`);
  const out = createWriteStream(path);
  const reader = file.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!out.write(value)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return { jobMs, downloadMs: performance.now() - t2, job, bytes: statSync(path).size };
}

/**
 * @typedef {{ redis: { port: number, pid: number, url: string },
 *   admin: import("ioredis").Redis, app: { base: string, serverPids: () => number[] },
 *   dir: string, dbsize: number, jsonlPath: string, csvPath: string }} TransferRun
 * @typedef {(ctx: import("./servers.mjs").BenchContext, run: TransferRun) =>
 *   Promise<{ checks: import("./util.mjs").Check[], notes: string }>} Half
 */

/** @type {Half} */
async function exportHalf(ctx, run) {
  const floorMs = await cliScan(run.redis.port);
  log(`transfer: redis-cli --scan ${secs(floorMs)}`);
  const client = ctx.redisClient(run.redis.port);
  const redisCpu0 = cpuMsOf([run.redis.pid]);
  const bare = await bareDumpLoop(client, join(run.dir, "baseline.csv"));
  const redisCpuBare = cpuMsOf([run.redis.pid]) - redisCpu0;
  log(`transfer: bare SCAN + DUMP loop ${secs(bare.ms)} (${int(bare.keys)} keys)`);

  const rssBeforeKiB = rssOf(run.app.serverPids());
  const rss = rssSampler(() => run.app.serverPids(), 100);
  const redisCpu1 = cpuMsOf([run.redis.pid]);
  const appCpu1 = cpuMsOf(run.app.serverPids());
  const jsonl = await exportThroughApi(run.app.base, { match: "*" }, run.jsonlPath);
  const redisCpuJsonl = cpuMsOf([run.redis.pid]) - redisCpu1;
  const appCpuJsonl = cpuMsOf(run.app.serverPids()) - appCpu1;
  const jsonlPeakKiB = rss.stop();
  log(
    `transfer: Keyscope export (jsonl) ${secs(jsonl.jobMs)} + download ${secs(jsonl.downloadMs)}`,
  );
  const rssCsv = rssSampler(() => run.app.serverPids(), 100);
  const csv = await exportThroughApi(run.app.base, { match: "*", format: "dump-csv" }, run.csvPath);
  const csvPeakKiB = rssCsv.stop();
  log(`transfer: Keyscope export (dump-csv) ${secs(csv.jobMs)}`);
  const peakKiB = Math.max(jsonlPeakKiB, csvPeakKiB);
  const all = jsonl.job.exported === run.dbsize && csv.job.exported === run.dbsize;
  /** @type {import("./util.mjs").Check[]} */
  const checks = [
    { name: "Keys (DBSIZE)", value: int(run.dbsize) },
    { name: "`redis-cli --scan` into /dev/null (the walk alone, COUNT 10)", value: secs(floorMs) },
    {
      name: "Baseline: bare ioredis SCAN + pipelined PTTL/DUMP → CSV file",
      value: `${secs(bare.ms)}; ${mib(bare.bytes / 1024)}`,
    },
    {
      name: "Keyscope export, JSON lines (POST → done; then the download)",
      value: `${secs(jsonl.jobMs)} (${int(jsonl.job.keysPerSec)} keys/s); ${secs(jsonl.downloadMs)}; ${mib(jsonl.bytes / 1024)}`,
    },
    { name: "JSON lines / baseline", value: ratio(jsonl.jobMs / bare.ms) },
    {
      name: "Keyscope export, DUMP CSV (POST → done)",
      value: `${secs(csv.jobMs)}; ${mib(csv.bytes / 1024)}`,
    },
    { name: "DUMP CSV / baseline", value: ratio(csv.jobMs / bare.ms) },
    {
      name: "CPU: Redis during the baseline; Redis, Keyscope during the JSON-lines export",
      value: `${secs(redisCpuBare)}; ${secs(redisCpuJsonl)}, ${secs(appCpuJsonl)}`,
    },
    {
      name: "Keys exported (both formats)",
      value: `${int(jsonl.job.exported)}, ${int(csv.job.exported)}`,
      pass: all,
      error: !all,
    },
    {
      name: "Keyscope RSS before; peak during JSON lines (+ download); peak during DUMP CSV",
      value: `${mib(rssBeforeKiB)}; ${mib(jsonlPeakKiB)}; ${mib(csvPeakKiB)}`,
    },
    {
      name: "Keyscope peak RSS during the exports and downloads",
      value: mib(peakKiB),
      target: `< ${RSS_TARGET_MIB} MiB`,
      pass: peakKiB / 1024 < RSS_TARGET_MIB,
    },
  ];
  const notes = `Export: the baseline is a bare ioredis loop (SCAN COUNT 1000, then one pipeline of PTTL + DUMP per batch, each key written as a DUMP CSV line, with backpressure) — what \`redis-cli --scan | … DUMP\` does without one redis-cli process per key (redis-cli cannot print DUMP's bytes raw). Keyscope's times are from the POST to the job's "done" (polled every 200 ms); the download is timed apart. RSS is the summed VmRSS of Keyscope's server processes every 100 ms, over both exports and downloads.`;
  return { checks, notes };
}

/** Each half runs in turn; the import's runs on the files the export wrote (`run.jsonlPath`/`csvPath`). */
const HALVES = [exportHalf, importHalf];

/**
 * @param {import("./servers.mjs").BenchContext} ctx
 * @returns {Promise<import("./util.mjs").SectionResult>}
 */
export async function transferSection(ctx) {
  const started = Date.now();
  const build = await ctx.ensureBuild();
  const redis = await ctx.startRedis();
  const admin = ctx.redisClient(redis.port);
  const redisVersion = /redis_version:(\S+)/.exec(await admin.info("server"))?.[1] ?? "?";
  log(`transfer: seeding ${int(KEYS)} small keys…`);
  await seedTransfer(admin);
  const dbsize = await admin.dbsize();
  const app = await ctx.startKeyscope(redis.url);
  const dir = mkdtempSync(join(os.tmpdir(), "keyscope-bench-transfer-"));
  /** @type {TransferRun} */
  const run = {
    redis,
    admin,
    app,
    dir,
    dbsize,
    jsonlPath: join(dir, "export.jsonl"),
    csvPath: join(dir, "export.csv"),
  };
  /** @type {import("./util.mjs").Check[]} */
  const checks = [];
  const notes = [];
  try {
    for (const half of HALVES) {
      const r = await half(ctx, run);
      checks.push(...r.checks);
      notes.push(r.notes);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const md = [
    "## Export and import of keys (`POST …/export`, `POST …/import`)",
    "",
    runInfoLine(ctx, build, redisVersion),
    "",
    ...checksTable(checks),
    "",
    `Data: ${int(KEYS)} keys (BENCH_TRANSFER_KEYS): 70 % strings of 10–100 B, 15 % hashes, 5 % each sets, zsets and lists, a tenth with a TTL, one in 50 with a non-UTF-8 name.`,
    "",
    ...notes.flatMap((n) => [n, ""]),
    `The whole section took ${secs(Date.now() - started)}; load average at the end ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}.`,
  ];
  return { markdown: md.join("\n"), checks };
}
