import os from "node:os";
import {
  checksTable,
  cpuMsOf,
  int,
  log,
  mib,
  percentile,
  positiveInt,
  ratio,
  runInfoLine,
  secs,
  sleep,
  timedRedisCli,
} from "./util.mjs";
import { rssSampler } from "./values-data.mjs";

const KEYS = positiveInt("BENCH_ANALYSIS_KEYS", 1_000_000);
const RATIO_TARGET = 0.8;
const RATIO_STRETCH = 0.33;
const PING_P99_TARGET_MS = 10;
const RSS_TARGET_MIB = 300;
const SEED_BATCH = 10_000;

/**
 * Mixed keys in 10 namespaces: 60 % strings (10–200 B), 20 % hashes (5 fields), 10 % sets,
 * 5 % zsets, 5 % lists; a tenth with a TTL. Pipelined in batches.
 * @param {import("ioredis").Redis} admin
 */
async function seed(admin) {
  for (let at = 0; at < KEYS; at += SEED_BATCH) {
    const p = admin.pipeline();
    for (let i = at; i < Math.min(KEYS, at + SEED_BATCH); i++) {
      const ns = `app${i % 10}:${["user", "cache", "session", "feed", "cart"][i % 5]}${i % 10}`;
      const kind = i % 20;
      const key = `${ns}:${i}`;
      if (kind < 12) p.set(key, "v".repeat(10 + (i % 190)));
      else if (kind < 16) p.hset(key, "a", "1", "b", "22", "c", "333", "d", "x", "e", "y");
      else if (kind < 18) p.sadd(key, "m1", "m2", String(i));
      else if (kind < 19) p.zadd(key, 1, "a", 2, "b", 3, String(i));
      else p.rpush(key, "a", "b", "c", "d");
      if (i % 10 === 0) p.expire(key, 3600 + (i % 86400));
    }
    await p.exec();
  }
}

/** @param {number} port */
function memkeys(port) {
  return timedRedisCli(["-p", String(port), "--memkeys"]);
}

/**
 * POST …/analysis and poll the job to its end.
 * @param {string} base @param {Record<string, unknown>} body
 */
async function analyse(base, body) {
  const t = performance.now();
  const res = await fetch(`${base}/api/connections/default/db/0/analysis`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify(body),
  });
  if (res.status !== 202) throw new Error(`POST …/analysis → ${res.status}: ${await res.text()}`);
  const { jobId } = await res.json();
  for (;;) {
    await sleep(200);
    const job = await (await fetch(`${base}/api/jobs/${jobId}`)).json();
    if (job.state === "running") continue;
    if (job.state !== "done") throw new Error(`analysis ${job.state}: ${job.error ?? ""}`);
    return { ms: performance.now() - t, job };
  }
}

/**
 * A PING every 5 ms on a client of its own until stopped: what another application sees.
 * @param {import("ioredis").Redis} client
 */
function pingLoop(client) {
  /** @type {number[]} */
  const times = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const t = performance.now();
      await client.ping();
      times.push(performance.now() - t);
      await sleep(5);
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return times;
    },
  };
}

/**
 * @param {import("./servers.mjs").BenchContext} ctx
 * @returns {Promise<import("./util.mjs").SectionResult>}
 */
export async function analysisSection(ctx) {
  const started = Date.now();
  const build = await ctx.ensureBuild();
  const redis = await ctx.startRedis();
  const admin = ctx.redisClient(redis.port);
  const redisVersion = /redis_version:(\S+)/.exec(await admin.info("server"))?.[1] ?? "?";
  log(`analysis: seeding ${int(KEYS)} mixed keys…`);
  const seedStart = performance.now();
  await seed(admin);
  const dbsize = await admin.dbsize();
  const usedMemory = Number(/used_memory:(\d+)/.exec(await admin.info("memory"))?.[1] ?? 0);
  log(`analysis: ${int(dbsize)} keys in ${secs(performance.now() - seedStart)}`);
  const app = await ctx.startKeyscope(redis.url);

  // Idle PINGs first: the floor the machine gives without any analysis.
  const pinger = ctx.redisClient(redis.port);
  const idle = pingLoop(pinger);
  await sleep(2000);
  const idlePings = await idle.stop();

  log("analysis: redis-cli --memkeys…");
  const redisCpu0 = cpuMsOf([redis.pid]);
  const cliMs = /** @type {number} */ (await memkeys(redis.port));
  const redisCpuCli = cpuMsOf([redis.pid]) - redisCpu0;
  log(`analysis: redis-cli --memkeys ${secs(cliMs)}`);

  log("analysis: Keyscope full analysis…");
  const rss = rssSampler(() => app.serverPids(), 100);
  const pings = pingLoop(pinger);
  const redisCpu1 = cpuMsOf([redis.pid]);
  const appCpu1 = cpuMsOf(app.serverPids());
  const full = await analyse(app.base, { mode: "full" });
  const redisCpuFull = cpuMsOf([redis.pid]) - redisCpu1;
  const appCpuFull = cpuMsOf(app.serverPids()) - appCpu1;
  const busyPings = await pings.stop();
  const peakKiB = rss.stop();
  log(`analysis: Keyscope ${secs(full.ms)} (${ratio(full.ms / cliMs)} of redis-cli)`);
  const report = await (
    await fetch(`${app.base}/api/connections/default/analysis/${full.job.reportId}`)
  ).json();

  const sample = await analyse(app.base, { mode: "sample", sampleSize: 10_000 });
  const sampleReport = await (
    await fetch(`${app.base}/api/connections/default/analysis/${sample.job.reportId}`)
  ).json();
  const memErr = Math.abs(sampleReport.memoryBytes - report.memoryBytes) / report.memoryBytes;

  const p99 = percentile(busyPings, 99);
  const fullRatio = full.ms / cliMs;
  /** @type {import("./util.mjs").Check[]} */
  const checks = [
    {
      name: "Keys (DBSIZE); Redis used_memory",
      value: `${int(dbsize)}; ${mib(usedMemory / 1024)}`,
    },
    { name: "`redis-cli --memkeys` (baseline)", value: secs(cliMs) },
    {
      name: "Keyscope full analysis (POST → report saved)",
      value: `${secs(full.ms)} (${int(full.job.keysPerSec)} keys/s)`,
    },
    {
      name: "CPU: Redis during memkeys; Redis, Keyscope during the analysis",
      value: `${secs(redisCpuCli)}; ${secs(redisCpuFull)}, ${secs(appCpuFull)}`,
    },
    {
      name: "Keyscope / redis-cli",
      value: ratio(fullRatio),
      target: `≤ ${RATIO_TARGET}× (stretch ≤ ${RATIO_STRETCH}×)`,
      pass: fullRatio <= RATIO_TARGET,
    },
    {
      name: "Report: keys; memory (its sum of MEMORY USAGE)",
      value: `${int(report.keys)}; ${mib(report.memoryBytes / 1024)}`,
      pass: report.keys === dbsize,
      error: report.keys !== dbsize,
    },
    {
      name: "PING p50 / p99 idle (no analysis)",
      value: `${percentile(idlePings, 50).toFixed(2)} / ${percentile(idlePings, 99).toFixed(2)} ms`,
    },
    {
      name: "PING p50 / p99 / max during the analysis",
      value: `${percentile(busyPings, 50).toFixed(2)} / ${p99.toFixed(2)} / ${Math.max(...busyPings).toFixed(1)} ms`,
      target: `p99 < ${PING_P99_TARGET_MS} ms`,
      pass: p99 < PING_P99_TARGET_MS,
    },
    {
      name: "Job pacing: final batch; longest batch",
      value: `${full.job.batchSize} keys; ${full.job.longestBatchMs} ms`,
    },
    {
      name: "Keyscope peak RSS during the analysis",
      value: mib(peakKiB),
      target: `< ${RSS_TARGET_MIB} MiB`,
      pass: peakKiB / 1024 < RSS_TARGET_MIB,
    },
    {
      name: "Sample mode, 10,000 keys",
      value: `${secs(sample.ms)}; memory ${mib(sampleReport.memoryBytes / 1024)} (±${((sampleReport.uncertainty ?? 0) * 100).toFixed(1)} %, off the full figure by ${(memErr * 100).toFixed(1)} %)`,
    },
  ];
  const md = [
    "## Memory analysis (`POST …/analysis`) against `redis-cli --memkeys`",
    "",
    runInfoLine(ctx, build, redisVersion),
    "",
    ...checksTable(checks),
    "",
    `Data: ${int(KEYS)} keys (BENCH_ANALYSIS_KEYS) in 10 namespaces (\`appN:<kind>N:<i>\`), 60 % strings, 20 % hashes, 10 % sets, 5 % zsets, 5 % lists, a tenth with a TTL. The baseline is \`redis-cli -p <port> --memkeys\` into /dev/null (SCAN COUNT 10, then TYPE and MEMORY USAGE … SAMPLES 5 of each key, pipelined per SCAN batch). Keyscope's time is from the POST to the job's "done" (report built and saved), polled every 200 ms; its job reads each SCAN batch with one script (TYPE, OBJECT ENCODING, MEMORY USAGE SAMPLES 5, PTTL, length), its batch size paced to a 4 ms budget (lib/redis/analysis.ts BATCH_BUDGET_MS). PINGs every 5 ms from a client of the bench's own, first for 2 s with nothing running, then during Keyscope's analysis. RSS is the summed VmRSS of Keyscope's server processes, every 100 ms. The whole section took ${secs(Date.now() - started)}; load average at the end ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}.`,
  ];
  return { markdown: md.join("\n"), checks };
}
