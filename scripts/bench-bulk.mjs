// Bulk delete by pattern: Keyscope's job (POST …/bulk, polled to the end) against two baselines on
// the same data — `redis-cli --scan | xargs redis-cli unlink` and a bare ioredis SCAN + UNLINK
// loop — and the longest single command the job made Redis run (SLOWLOG, threshold 0, filtered
// by the job's client name). Every run gets a freshly seeded keyspace.
//
//   import { benchBulk } from "./bench-bulk.mjs";
//   const { markdown, checks } = await benchBulk({ redisUrl, baseUrl, port, log });
//
// Standalone (starts its own redis-server and Keyscope from an existing build):
//   KEYSCOPE_DIST_DIR=.next-ops BENCH_BULK_KEYS=1000000 node scripts/bench-bulk.mjs
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { Redis } from "ioredis";
import { positiveInt } from "./bench/util.mjs";

const PATTERN_PREFIX = "bulkbench:del:";
const KEPT_PREFIX = "bulkbench:keep:";
const SLOWLOG_LEN = 20_000;

/** @typedef {{ count: number, max: { us: number, cmd: string }, p99: number }} Slowest */

/** @param {number} ms @returns {Promise<void>} */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** @param {number} ms */
const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;
/** @param {number} n */
const int = (n) => Math.round(n).toLocaleString("en-US");

/**
 * MSET in pipelined batches: 1,000 keys per command, 100 commands per round trip.
 * @param {Redis} client
 * @param {string} prefix
 * @param {number} n
 */
async function seed(client, prefix, n) {
  for (let start = 0; start < n; start += 100_000) {
    const p = client.pipeline();
    for (let i = start; i < Math.min(n, start + 100_000); i += 1000) {
      /** @type {string[]} */
      const args = [];
      for (let j = i; j < Math.min(n, i + 1000); j++) args.push(`${prefix}${j}`, "v");
      p.mset(...args);
    }
    await p.exec();
  }
}

/**
 * @param {Redis} client
 * @param {string} pattern
 */
export async function countMatching(client, pattern) {
  let cursor = "0";
  let n = 0;
  do {
    const [next, keys] = await client.scan(cursor, "MATCH", pattern, "COUNT", 5000);
    n += keys.length;
    cursor = next;
  } while (cursor !== "0");
  return n;
}

/**
 * @param {string} command
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<void>}
 */
function runShell(command, env) {
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", command], { stdio: ["ignore", "ignore", "pipe"], env });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} → ${code}: ${stderr.slice(0, 300)}`)),
    );
  });
}

/**
 * The job's final state, as GET /api/jobs/{id} returns it.
 * @param {{ baseUrl: string, headers: Record<string, string>, pattern: string, count?: number }} o
 * @returns {Promise<{ state: string, elapsedMs: number, affected: number }>}
 */
export async function viaKeyscope({ baseUrl, headers, pattern, count }) {
  const res = await fetch(`${baseUrl}/api/connections/default/db/0/bulk`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({
      action: "delete",
      match: pattern,
      dryRun: false,
      ...(count && { count }),
    }),
  });
  if (res.status !== 202) throw new Error(`POST …/bulk → ${res.status}: ${await res.text()}`);
  const { jobId } = await res.json();
  for (;;) {
    await sleep(50);
    const job = await (await fetch(`${baseUrl}/api/jobs/${jobId}`, { headers })).json();
    if (job.state === "done") return job;
    if (job.state !== "running") throw new Error(`bulk job ${job.state}: ${job.error ?? ""}`);
  }
}

/**
 * @param {Redis} client
 * @param {string} pattern
 */
async function viaIoredis(client, pattern) {
  let cursor = "0";
  do {
    const [next, keys] = await client.scan(cursor, "MATCH", pattern, "COUNT", 1000);
    if (keys.length) await client.unlink(...keys);
    cursor = next;
  } while (cursor !== "0");
}

/**
 * @param {string} url
 * @param {string} pattern
 */
export function viaRedisCli(url, pattern) {
  const u = new URL(url);
  const cli = `redis-cli -h ${u.hostname} -p ${u.port || 6379}`;
  // REDISCLI_AUTH keeps a password off the command line (and out of `ps`).
  const env = {
    ...process.env,
    ...(u.password && { REDISCLI_AUTH: decodeURIComponent(u.password) }),
  };
  return runShell(
    `${cli} --scan --pattern '${pattern}' | xargs -n 1000 ${cli} unlink > /dev/null`,
    env,
  );
}

// SLOWLOG names each command's client, so the job's commands and the loop's can be told apart.
const CLIENT_NAMES = { keyscope: "keyscope-bulk", ioredis: "bench-loop" };

/**
 * The slowest commands one client ran, from SLOWLOG (threshold 0).
 * @param {Redis} admin
 * @param {string} clientName
 * @returns {Promise<Slowest>}
 */
async function slowestOf(admin, clientName) {
  /** @type {[number, number, number, string[], string, string][]} id, time, µs, args, addr, name */
  const entries = /** @type {any} */ (await admin.call("SLOWLOG", "GET", String(SLOWLOG_LEN)));
  const mine = entries.filter((e) => String(e[5] ?? "") === clientName);
  const byMicros = mine.map((e) => ({ us: Number(e[2]), cmd: String(e[3][0]).toUpperCase() }));
  byMicros.sort((a, b) => b.us - a.us);
  const p99 = byMicros[Math.floor(byMicros.length * 0.01)]?.us ?? 0;
  return { count: mine.length, max: byMicros[0] ?? { us: 0, cmd: "-" }, p99 };
}

/**
 * @param {{ redisUrl: string, baseUrl: string, port: number, log?: (...a: unknown[]) => void,
 *           keys?: number, kept?: number, runs?: number, count?: number,
 *           headers?: Record<string, string> }} o
 */
export async function benchBulk({
  redisUrl,
  baseUrl,
  port,
  log = console.log,
  keys = positiveInt("BENCH_BULK_KEYS", 1_000_000),
  kept = 100_000,
  runs = positiveInt("BENCH_BULK_RUNS", 1),
  /** SCAN COUNT per step of the job; the API's default when unset. */
  count = process.env.BENCH_BULK_COUNT ? positiveInt("BENCH_BULK_COUNT", 1) : undefined,
  headers = {},
}) {
  const url = new URL(redisUrl);
  if (port) url.port = String(port);
  const admin = new Redis(url.toString(), { protocol: 2, db: 0 });
  const loop = new Redis(url.toString(), { protocol: 2, db: 0, connectionName: "bench-loop" });
  const pattern = `${PATTERN_PREFIX}*`;
  /** @type {Record<"keyscope" | "cli" | "ioredis", number[]>} */
  const times = { keyscope: [], cli: [], ioredis: [] };
  /** @type {Record<"keyscope" | "ioredis", Slowest[]>} per run */
  const slow = { keyscope: [], ioredis: [] };
  let jobMs = 0;
  try {
    const [, oldThreshold = "10000"] = /** @type {string[]} */ (
      await admin.config("GET", "slowlog-log-slower-than")
    );
    const [, oldLen = "128"] = /** @type {string[]} */ (
      await admin.config("GET", "slowlog-max-len")
    );
    log(`bulk: seeding ${int(kept)} keys that must survive…`);
    await seed(admin, KEPT_PREFIX, kept);
    const baseline = await admin.dbsize();
    /** @type {[keyof typeof times, () => Promise<unknown>][]} */
    const measures = [
      ["keyscope", () => viaKeyscope({ baseUrl, headers, pattern, count })],
      ["cli", () => viaRedisCli(url.toString(), pattern)],
      ["ioredis", () => viaIoredis(loop, pattern)],
    ];
    for (let run = 0; run < runs; run++) {
      for (const [id, measure] of measures) {
        await seed(admin, PATTERN_PREFIX, keys);
        if ((await admin.dbsize()) !== baseline + keys) throw new Error("seeding missed keys");
        // Commands are timed by SLOWLOG for Keyscope and the loop (redis-cli | xargs would log
        // ~100k SCANs); the log costs a little time, the same for both.
        const watch = id === "cli" ? null : id;
        if (watch) {
          await admin.config("SET", "slowlog-max-len", String(SLOWLOG_LEN));
          await admin.config("SET", "slowlog-log-slower-than", "0");
          await admin.call("SLOWLOG", "RESET");
        }
        const t0 = performance.now();
        const result = await measure();
        const ms = performance.now() - t0;
        if (watch) {
          await admin.config("SET", "slowlog-log-slower-than", oldThreshold);
          slow[watch].push(await slowestOf(admin, CLIENT_NAMES[watch]));
          await admin.config("SET", "slowlog-max-len", oldLen);
        }
        if (id === "keyscope") {
          const job = /** @type {Awaited<ReturnType<typeof viaKeyscope>>} */ (result);
          jobMs = job.elapsedMs;
          if (job.affected !== keys) throw new Error(`Keyscope deleted ${job.affected} of ${keys}`);
        }
        const left = await countMatching(admin, pattern);
        if (left !== 0 || (await admin.dbsize()) !== baseline)
          throw new Error(`${id} left ${left} matching keys behind`);
        times[id].push(ms);
        log(`bulk: run ${run + 1}/${runs} ${id} deleted ${int(keys)} keys in ${secs(ms)}`);
      }
    }
    await countMatching(admin, `${KEPT_PREFIX}*`).then((n) => {
      if (n !== kept) throw new Error(`only ${n} of ${kept} non-matching keys survived`);
    });
  } finally {
    admin.disconnect();
    loop.disconnect();
  }
  /** @param {number[]} xs */
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? Number.NaN;
  const k = median(times.keyscope);
  const vsCli = k / median(times.cli);
  const vsLoop = k / median(times.ioredis);
  // The longest command of a run, median over runs: one preemption on a busy machine (SLOWLOG
  // counts a command's wall time, CPU waits included) should not decide the figure alone.
  /** @typedef {(runsOf: Slowest[]) => number} Over */
  /** @type {Over} */
  const longest = (runsOf) => median(runsOf.map((r) => r.max.us)) / 1000;
  /** @type {Over} */
  const worst = (runsOf) => Math.max(...runsOf.map((r) => r.max.us)) / 1000;
  /** @type {Over} */
  const p99 = (runsOf) => median(runsOf.map((r) => r.p99)) / 1000;
  const maxMs = longest(slow.keyscope);
  const loopMax = longest(slow.ioredis);
  /** @param {number} x */
  const ms2 = (x) => `${x.toFixed(2)} ms`;
  /** @type {import("./bench/util.mjs").Check[]} */
  const checks = [
    { name: "bulk delete, Keyscope (POST …/bulk to done)", value: secs(k) },
    { name: "bulk delete, redis-cli --scan | xargs unlink", value: secs(median(times.cli)) },
    { name: "bulk delete, ioredis SCAN + UNLINK loop", value: secs(median(times.ioredis)) },
    {
      name: "Keyscope ÷ redis-cli | xargs",
      value: `${vsCli.toFixed(2)}×`,
      target: "≤ 1.00×",
      pass: vsCli <= 1,
    },
    {
      name: "Keyscope ÷ ioredis loop",
      value: `${vsLoop.toFixed(2)}×`,
      target: "≤ 1.50×",
      pass: vsLoop <= 1.5,
    },
    {
      name: "longest command of the job (SLOWLOG, median of runs)",
      value: `${ms2(maxMs)} (${slow.keyscope[0]?.max.cmd})`,
      target: "< 10 ms",
      pass: maxMs < 10,
    },
    {
      name: "longest command of the ioredis loop, for reference",
      value: ms2(loopMax),
    },
  ];
  const md = [
    "## Bulk delete by pattern: `POST /api/connections/{conn}/db/{db}/bulk`",
    "",
    `${int(keys)} keys matching \`${pattern}\` among ${int(kept)} that do not, re-seeded before every run; median of ${runs} run(s) each, in turn. Keyscope's time runs from the POST to the poll (every 50 ms) that sees \`done\`; the job itself reported ${secs(jobMs)}. The job's connection ran ${int(slow.keyscope[0]?.count ?? 0)} commands per run (one script per batch: SCAN COUNT ${count ?? 250} and UNLINK of what it found, inside Redis); per run, its longest took ${slow.keyscope.map((r) => ms2(r.max.us / 1000)).join(", ")} (p99 ${ms2(p99(slow.keyscope))}). The plain loop's longest commands, for comparison: ${slow.ioredis.map((r) => ms2(r.max.us / 1000)).join(", ")} (p99 ${ms2(p99(slow.ioredis))}); worst of all runs ${ms2(worst(slow.keyscope))} for Keyscope, ${ms2(worst(slow.ioredis))} for the loop. SLOWLOG times a command from start to end, so on a busy machine a command that was preempted counts the time it waited for a CPU.`,
    "",
    "| Measure | Result | Target | |",
    "|---|---|---|---|",
    ...checks.map(
      (c) =>
        `| ${c.name.replaceAll("|", "\\|")} | ${c.value} | ${c.target ?? ""} | ${c.pass === undefined ? "" : c.pass ? "PASS" : "MISS"} |`,
    ),
  ].join("\n");
  return {
    markdown: md,
    checks,
    figures: { keys, times, vsCli, vsLoop, maxCommandMs: maxMs, jobMs },
  };
}

// --- standalone ------------------------------------------------------------------------------

async function standalone() {
  const { freePort, startRedis } = await import("./lib/redis-server.mjs");
  const redis = await startRedis();
  const port = await freePort();
  const app = spawn(process.execPath, ["scripts/start.mjs"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", REDIS_URL: redis.url },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      if (i > 600) throw new Error("Keyscope did not start within 60 s");
      if (app.exitCode !== null) throw new Error(`Keyscope exited with ${app.exitCode}`);
      if (
        await fetch(`${baseUrl}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await sleep(100);
    }
    const { markdown } = await benchBulk({ redisUrl: redis.url, baseUrl, port: redis.port });
    console.log(`\n${markdown}`);
  } finally {
    app.kill("SIGTERM");
    await redis.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  standalone().catch((e) => {
    console.error(`bench-bulk: ${e instanceof Error ? e.stack : e}`);
    process.exit(1);
  });
}
