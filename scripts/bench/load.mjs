// Section "load": the API's own speed under concurrency (issue 9). 50 clients browse (a key page
// with a match, a key's details, a value's first page, in turn) against Keyscope and against a
// bare node:http + ioredis server sending Redis the same commands (load-baseline.mjs), on the
// same data, interleaved; and /api/health against a bare node:http server and an empty Next
// route handler (load-floor/, Next's own floor). Measured with autocannon, in this process.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { report } from "./load-report.mjs";
import { cpuMsOf, int, log, onCleanup, positiveInt, root, secs } from "./util.mjs";

const SECONDS = positiveInt("BENCH_LOAD_SECONDS", 10);
const CLIENTS = 50;
// A first round after 2 s of warm-up ran at 40% of the next ones (Next's code not yet optimised).
const WARMUP_SECONDS = 5;
const HEALTH_CLIENTS = 10; // as the issue measured it
const PASSWORD = "bench-load-password";
const FLOOR_DIR = join(root, "scripts", "bench", "load-floor");
const BASELINE = join(root, "scripts", "bench", "load-baseline.mjs");
const nextBin = join(root, "node_modules", "next", "dist", "bin", "next");

// The data: 20,000 keys of five types, names like a small app's (`user:123`, `session:45`).
const TYPES = /** @type {const} */ ([
  { prefix: "user", type: "string", n: 6000 },
  { prefix: "session", type: "hash", n: 5000 },
  { prefix: "queue", type: "list", n: 3000 },
  { prefix: "tags", type: "set", n: 3000 },
  { prefix: "rank", type: "zset", n: 3000 },
]);

/** @param {import("ioredis").Redis} redis */
async function seed(redis) {
  for (const { prefix, type, n } of TYPES) {
    for (let from = 0; from < n; from += 1000) {
      const p = redis.pipeline();
      for (let i = from; i < Math.min(n, from + 1000); i++) {
        const key = `${prefix}:${i}`;
        const items = Array.from({ length: 20 }, (_, j) => `item-${j}-${"x".repeat(20)}`);
        if (type === "string")
          p.set(key, `{"id":${i},"name":"user ${i}","bio":"${"y".repeat(200)}"}`);
        else if (type === "hash") p.hset(key, ...items.flatMap((v, j) => [`field${j}`, v]));
        else if (type === "list") p.rpush(key, ...items);
        else if (type === "set") p.sadd(key, ...items);
        else p.zadd(key, ...items.flatMap((v, j) => [j, v]));
        if (i % 3 === 0) p.expire(key, 3600 + i);
      }
      await p.exec();
    }
  }
}

const pick = () => {
  const t = TYPES[Math.floor(Math.random() * TYPES.length)] ?? TYPES[0];
  return { t, key: `${t.prefix}:${Math.floor(Math.random() * t.n)}` };
};

/**
 * The three browsing requests, each with fresh random keys, under a path prefix.
 * @param {{ keys: string, key: string, value: string }} paths
 */
function browsing(paths) {
  /** @param {() => string} path */
  const req = (path) => ({
    setupRequest: (/** @type {any} */ r) => ({ ...r, path: path() }),
  });
  return [
    req(
      () => `${paths.keys}?match=${pick().t.prefix}:${1 + Math.floor(Math.random() * 9)}*&count=50`,
    ),
    req(() => `${paths.key}?key=${encodeURIComponent(pick().key)}`),
    req(() => `${paths.value}?key=${encodeURIComponent(pick().key)}`),
  ];
}

/**
 * A process of load-baseline.mjs; resolves with its base URL and pid once it listens.
 * @param {string[]} args
 */
async function startChild(args) {
  const child = spawn(process.execPath, [BASELINE, ...args], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  onCleanup(() => child.exitCode === null && child.kill("SIGKILL"));
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args[0]}: no "listening" in 60 s`)), 60_000);
    child.stdout.on("data", (d) => {
      const m = /listening (\d+)/.exec(String(d));
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once("exit", (code) => reject(new Error(`${args[0]} exited with ${code}`)));
  });
  return { base: `http://127.0.0.1:${port}`, pids: () => [/** @type {number} */ (child.pid)] };
}

/** Builds load-floor/ once (a one-route app: ~20 s). */
async function ensureFloorBuild() {
  if (existsSync(join(FLOOR_DIR, ".next", "BUILD_ID")) && process.env.BENCH_REBUILD !== "1") return;
  log("building the empty Next app of the floor (load-floor/)…");
  const child = spawn(process.execPath, [nextBin, "build"], {
    cwd: FLOOR_DIR,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  const code = await new Promise((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`next build of load-floor/ failed (${code})`);
}

/**
 * @typedef {{ name: string, base: string, pids: () => number[], headers?: Record<string, string>,
 *   requests: any[], clients: number }} Target
 * @typedef {{ rps: number, p50: number, p99: number, cpuPerReq: number, bad: number }} Run
 */

/** @param {Target} t @param {number} seconds @returns {Promise<Run>} */
async function measure(t, seconds) {
  const cpu0 = cpuMsOf(t.pids());
  const r = await autocannon({
    url: t.base,
    connections: t.clients,
    duration: seconds,
    headers: t.headers,
    requests: t.requests,
  });
  const cpu = cpuMsOf(t.pids()) - cpu0;
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    cpuPerReq: cpu / Math.max(1, r.requests.total),
    bad: r.non2xx + r.errors + r.timeouts,
  };
}

/**
 * Every target once per round (the order rotating), after a warm-up of each; medians per target.
 * @param {Target[]} targets @param {number} runs
 */
async function rounds(targets, runs) {
  for (const t of targets) await measure(t, WARMUP_SECONDS);
  /** @type {Map<string, Run[]>} */
  const runsOf = new Map(targets.map((t) => [t.name, []]));
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < targets.length; j++) {
      const t = /** @type {Target} */ (targets[(i + j) % targets.length]);
      const run = await measure(t, SECONDS);
      log(`${t.name}: ${int(run.rps)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms`);
      runsOf.get(t.name)?.push(run);
    }
  }
  return runsOf;
}

/**
 * Section "load".
 * @param {import("./servers.mjs").BenchContext} ctx
 * @returns {Promise<import("./util.mjs").SectionResult>}
 */
export async function loadSection(ctx) {
  const build = await ctx.ensureBuild();
  await ensureFloorBuild();
  const redis = await ctx.startRedis();
  const admin = ctx.redisClient(redis.port);
  const redisVersion = /redis_version:(\S+)/.exec(await admin.info("server"))?.[1] ?? "?";
  const seedStart = Date.now();
  await seed(admin);
  log(`seeded ${int(await admin.dbsize())} keys in ${secs(Date.now() - seedStart)}`);

  const dataDir = mkdtempSync(join(tmpdir(), "keyscope-bench-load-"));
  const secured = await ctx.startKeyscope(redis.url, {
    KEYSCOPE_PASSWORD: PASSWORD,
    KEYSCOPE_DATA_DIR: join(dataDir, "auth"),
  });
  const open = await ctx.startKeyscope(redis.url, { KEYSCOPE_DATA_DIR: join(dataDir, "open") });
  // The same build with every API request through Next's pipeline, as before the fast path.
  const viaNext = await ctx.startKeyscope(redis.url, {
    KEYSCOPE_PASSWORD: PASSWORD,
    KEYSCOPE_DATA_DIR: join(dataDir, "next"),
    KEYSCOPE_API_FAST_PATH: "0",
  });
  const cookie = await login(secured.base);
  const nextCookie = await login(viaNext.base);
  const baseline = await startChild(["api", String(redis.port)]);
  const bare = await startChild(["bare"]);
  const floor = await startChild(["floor", FLOOR_DIR]);

  const api = "/api/connections/default/db/0";
  const ks = { keys: `${api}/keys`, key: `${api}/key`, value: `${api}/key/value` };
  /** @type {Target[]} */
  const mixed = [
    {
      name: "baseline",
      ...baseline,
      requests: browsing({ keys: "/keys", key: "/key", value: "/value" }),
      clients: CLIENTS,
    },
    {
      name: "keyscope",
      base: secured.base,
      pids: secured.serverPids,
      headers: { cookie },
      requests: browsing(ks),
      clients: CLIENTS,
    },
    {
      name: "keyscope-open",
      base: open.base,
      pids: open.serverPids,
      requests: browsing(ks),
      clients: CLIENTS,
    },
    {
      name: "keyscope-next",
      base: viaNext.base,
      pids: viaNext.serverPids,
      headers: { cookie: nextCookie },
      requests: browsing(ks),
      clients: CLIENTS,
    },
  ];
  const health = [{ path: "/api/health" }];
  /** @type {Target[]} */
  const healths = [
    { name: "bare", ...bare, requests: health, clients: HEALTH_CLIENTS },
    { name: "floor", ...floor, requests: health, clients: HEALTH_CLIENTS },
    {
      name: "health",
      base: secured.base,
      pids: secured.serverPids,
      requests: health,
      clients: HEALTH_CLIENTS,
    },
    {
      name: "health-next",
      base: viaNext.base,
      pids: viaNext.serverPids,
      requests: health,
      clients: HEALTH_CLIENTS,
    },
  ];
  await checkAnswers(mixed);

  log(`mixed browsing, ${CLIENTS} clients, ${ctx.runs} × ${SECONDS} s per target…`);
  const m = await rounds(mixed, ctx.runs);
  log(`/api/health, ${HEALTH_CLIENTS} clients…`);
  const h = await rounds(healths, ctx.runs);
  return report(ctx, build, redisVersion, m, h, {
    seconds: SECONDS,
    clients: CLIENTS,
    warmupSeconds: WARMUP_SECONDS,
    healthClients: HEALTH_CLIENTS,
    types: TYPES,
  });
}

/** The session cookie of a password login, as a browser holds it. @param {string} base */
async function login(base) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ password: PASSWORD }),
  });
  const cookie = /keyscope_session=[^;]+/.exec(res.headers.get("set-cookie") ?? "")?.[0];
  if (!res.ok || !cookie) throw new Error(`login to Keyscope failed: ${res.status}`);
  return cookie;
}

/** One of each request per target answers 200 with the keys asked for. @param {Target[]} targets */
async function checkAnswers(targets) {
  for (const t of targets) {
    for (const r of t.requests) {
      const { path } = r.setupRequest({});
      const res = await fetch(t.base + path, { headers: t.headers });
      const text = await res.text();
      if (res.status !== 200)
        throw new Error(`${t.name} ${path} → ${res.status}: ${text.slice(0, 200)}`);
      if (path.includes("/keys?") && JSON.parse(text).keys.length === 0)
        throw new Error(`${t.name} ${path}: an empty key page`);
    }
  }
}
