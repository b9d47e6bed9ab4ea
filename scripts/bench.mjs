// `npm run bench`: measures Keyscope against a throwaway redis-server it seeds itself, and writes
// the figures into docs/benchmarks.md. The machine this runs on is shared and noisy, so every
// figure that has a target is either a latency percentile or a ratio against a baseline measured
// in the same run, on the same data, interleaved with it.
//
// Sections are registered in `sections` below; each one starts what it needs through `ctx`,
// returns Markdown for its own block of docs/benchmarks.md (between
// `<!-- bench:<name>:start -->` and `<!-- bench:<name>:end -->`) and a list of checks.
//
// Environment:
//   BENCH_KEYS=100000    keys to seed (default 1,000,000)
//   BENCH_RUNS=3         timed runs of every walk; the median is reported (default 3)
//   BENCH_ONLY=keys      run only these sections (comma-separated names)
//   BENCH_REBUILD=1      rebuild .next-bench even if a build exists
//   BENCH_OUT=path       where to write the results (default docs/benchmarks.md; "-" = nowhere)
//   BENCH_TIMEOUT_S=1800 give up (and clean up) after this long
//   BENCH_STRICT=1       exit 1 when a target is missed (by default only errors fail)
//   BENCH_VALUES_SCALE=0.1  size of the big keys of the "values" section (default 1: a 1M-field
//                        hash, a 1M-item list, a 500k-member zset and a 100 MiB string)
//   BENCH_VALUES_BROWSER=0  skip the browser (Playwright + /usr/bin/chromium) part of "values"
//   BENCH_BULK_KEYS, BENCH_BULK_RUNS, BENCH_BULK_COUNT  passed on to scripts/bench-bulk.mjs
//                        (the "bulk" section; runs default to BENCH_RUNS)
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import http from "node:http";
import os from "node:os";
import { dirname, join, relative } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./lib/chromium.mjs";
import { freePort, startRedis } from "./lib/redis-server.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const nextBin = join(root, "node_modules", "next", "dist", "bin", "next");
const DIST_DIR = ".next-bench";

const KEYS = positiveInt("BENCH_KEYS", 1_000_000);
const RUNS = positiveInt("BENCH_RUNS", 3);
const TIMEOUT_S = positiveInt("BENCH_TIMEOUT_S", 1800);
const REBUILD = process.env.BENCH_REBUILD === "1";
const STRICT = process.env.BENCH_STRICT === "1";
const OUT = process.env.BENCH_OUT || join(root, "docs", "benchmarks.md");
const ONLY = (process.env.BENCH_ONLY || "")
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);

const sections = [
  { name: "keys", title: "Key browsing (`GET …/keys`)", run: keysSection },
  {
    name: "values",
    title: "Big values (`GET …/key/value`, download, browser heap)",
    run: valuesSection,
  },
  { name: "bulk", title: "Bulk delete by pattern (`POST …/bulk`)", run: bulkSection },
];

// --- small helpers ---------------------------------------------------------------------------

function positiveInt(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`);
  return n;
}

function positiveNumber(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
  return n;
}

function log(...args) {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile. */
function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

const int = (n) => Math.round(n).toLocaleString("en-US");
const ms1 = (n) => `${n.toFixed(1)} ms`;
const secs = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`);
const ratio = (x) => `${x.toFixed(2)}×`;
const mib = (kib) => `${(kib / 1024).toFixed(0)} MiB`;

/** Throws once `deadline` (a Date.now() value) has passed; every loop below calls it. */
function checkDeadline(deadline, what) {
  if (Date.now() > deadline) throw new Error(`${what} did not finish in time`);
}

// --- cleanup: everything started registers how to stop it --------------------------------------

const cleanups = [];
let cleaningUp = null;

function onCleanup(fn) {
  cleanups.push(fn);
}

function cleanup() {
  cleaningUp ??= (async () => {
    while (cleanups.length) {
      const fn = cleanups.pop();
      try {
        await fn();
      } catch (e) {
        console.error(`bench: cleanup step failed: ${e.message}`);
      }
    }
  })();
  return cleaningUp;
}

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.once(sig, () => {
    console.error(`\nbench: ${sig}, stopping the servers it started…`);
    cleanup().finally(() => process.exit(130));
  });
}

// --- /proc: process trees, RSS and CPU time ----------------------------------------------------

const CLK_TCK = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout) || 100;

/** pid → { ppid, comm, cpuMs } for every process we can read. */
function procTable() {
  const table = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const f = stat.slice(close + 2).split(" "); // f[0] is field 3 (state)
      const cpuMs = ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK; // utime + stime
      table.set(Number(name), { ppid: Number(f[1]), comm, cpuMs });
    } catch {
      // the process exited while we looked
    }
  }
  return table;
}

/** `pid` and all its descendants that are alive now. */
function processTree(pid, table = procTable()) {
  const out = [];
  const todo = [pid];
  while (todo.length) {
    const p = todo.pop();
    if (!table.has(p)) continue;
    out.push(p);
    for (const [child, info] of table) if (info.ppid === p) todo.push(child);
  }
  return out;
}

function statusKiB(pid, field) {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(
      readFileSync(`/proc/${pid}/status`, "utf8"),
    );
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function cpuMsOf(pids, table = procTable()) {
  return pids.reduce((sum, p) => sum + (table.get(p)?.cpuMs ?? 0), 0);
}

// --- the Keyscope build, and keeping it from touching tracked files ----------------------------

// `next build` with a non-default distDir adds `<distDir>/types/**` to tsconfig.json's include
// (rewriting the whole file) and points next-env.d.ts at `<distDir>/types`. Neither should leak
// out of a bench run, so both are put back afterwards, unless someone else changed them meanwhile.
function protectTypeScriptFiles() {
  const files = ["tsconfig.json", "next-env.d.ts"].map((f) => join(root, f));
  const before = new Map(files.map((f) => [f, existsSync(f) ? readFileSync(f, "utf8") : null]));
  return () => {
    for (const [file, old] of before) {
      const now = existsSync(file) ? readFileSync(file, "utf8") : null;
      if (now === old) continue;
      const name = relative(root, file);
      if (name === "tsconfig.json" && !onlyDistDirAdded(old, now)) {
        // Someone else changed it meanwhile: keep their change, take out only our entries.
        const stripped = withoutDistDir(now);
        if (stripped !== null && stripped !== now) writeFileSync(file, stripped);
        log(`${name} also changed during the build; removed only its ${DIST_DIR} entries`);
        continue;
      }
      if (name === "next-env.d.ts" && now !== null && !now.includes(DIST_DIR)) continue;
      if (old === null) unlinkSync(file);
      else writeFileSync(file, old);
      log(`restored ${name} (next build had rewritten it for ${DIST_DIR})`);
    }
  };
}

/** tsconfig.json text without the include entries for DIST_DIR, in Next's own layout. */
function withoutDistDir(text) {
  if (text === null || !text.includes(DIST_DIR)) return text;
  try {
    const config = JSON.parse(text);
    if (!Array.isArray(config.include)) return text;
    config.include = config.include.filter((p) => !p.includes(DIST_DIR));
    return `${JSON.stringify(config, null, 2)}\n`;
  } catch {
    return null;
  }
}

function onlyDistDirAdded(oldText, newText) {
  try {
    const a = JSON.parse(oldText);
    const b = JSON.parse(newText);
    if (Array.isArray(b.include)) b.include = b.include.filter((p) => !p.includes(DIST_DIR));
    const canon = (v) =>
      Array.isArray(v)
        ? v.map(canon)
        : v && typeof v === "object"
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .map((k) => [k, canon(v[k])]),
            )
          : v;
    return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
  } catch {
    return false;
  }
}

let buildInfo = null;

async function ensureBuild() {
  if (buildInfo) return buildInfo;
  const idFile = join(root, DIST_DIR, "BUILD_ID");
  if (REBUILD || !existsSync(idFile)) {
    log(`building Keyscope into ${DIST_DIR} (next build, a minute or two)…`);
    const restore = protectTypeScriptFiles();
    const started = Date.now();
    try {
      const child = spawn(process.execPath, [nextBin, "build"], {
        cwd: root,
        stdio: ["ignore", "inherit", "inherit"],
        env: { ...process.env, KEYSCOPE_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
      });
      onCleanup(() => child.exitCode === null && child.kill("SIGKILL"));
      const timer = setTimeout(() => child.kill("SIGKILL"), 15 * 60_000);
      const code = await new Promise((resolve) => child.once("exit", (c, s) => resolve(c ?? s)));
      clearTimeout(timer);
      if (code !== 0) {
        throw new Error(`next build failed (${code}); if the tree is mid-edit, retry in a minute`);
      }
    } finally {
      restore();
    }
    buildInfo = { built: true, ms: Date.now() - started };
  } else {
    buildInfo = { built: false };
  }
  buildInfo.id = readFileSync(idFile, "utf8").trim();
  buildInfo.newerSources = sourcesNewerThan(statSync(idFile).mtimeMs);
  if (buildInfo.newerSources.length) {
    log(
      `note: ${buildInfo.newerSources.length} source file(s) changed since this build (e.g. ${buildInfo.newerSources[0]}); BENCH_REBUILD=1 rebuilds`,
    );
  }
  return buildInfo;
}

/** Files the build is made from that changed after it (a stale build measures old code). */
function sourcesNewerThan(mtimeMs) {
  const out = [];
  const visit = (rel) => {
    const abs = join(root, rel);
    let st;
    try {
      st = statSync(abs);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(abs)) if (!name.startsWith(".")) visit(join(rel, name));
    } else if (st.mtimeMs > mtimeMs) out.push(rel);
  };
  for (const rel of [
    "app",
    "lib",
    "components",
    "hooks",
    "instrumentation.ts",
    "next.config.mjs",
  ]) {
    visit(rel);
  }
  return out;
}

function gitDescription() {
  const git = (...args) => spawnSync("git", args, { cwd: root, encoding: "utf8" }).stdout?.trim();
  const head = git("rev-parse", "--short", "HEAD");
  if (!head) return "not a git checkout";
  return git("status", "--porcelain") ? `${head} + uncommitted changes` : head;
}

// --- servers ------------------------------------------------------------------------------------

async function startThrowawayRedis() {
  const server = await startRedis();
  onCleanup(() => server.stop());
  log(`redis-server pid ${server.pid} on port ${server.port}`);
  return server;
}

function redisClient(port) {
  const client = new Redis({
    host: "127.0.0.1",
    port,
    protocol: 2,
    maxRetriesPerRequest: 1,
    connectTimeout: 5000,
    enableAutoPipelining: false,
  });
  client.on("error", () => {}); // surfaced by the command that fails
  onCleanup(() => client.disconnect());
  return client;
}

async function startKeyscope(redisUrl) {
  await ensureBuild();
  const port = await freePort();
  const env = {
    ...process.env,
    KEYSCOPE_DIST_DIR: DIST_DIR,
    PORT: String(port),
    HOST: "127.0.0.1",
    REDIS_URL: redisUrl,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // The bench talks to the default connection without auth, whatever the caller's shell has.
  for (const k of ["KEYSCOPE_PASSWORD", "KEYSCOPE_TOKEN", "KEYSCOPE_CONNECTIONS"]) delete env[k];
  for (const k of ["KEYSCOPE_READ_ONLY", "NODE_OPTIONS"]) delete env[k];
  const child = spawn(process.execPath, [join(root, "scripts", "start.mjs")], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = [];
  const keep = (d) => {
    output.push(...d.toString().split("\n").filter(Boolean));
    if (output.length > 40) output.splice(0, output.length - 40);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const pid = child.pid;
  let known = [pid]; // the tree as last seen, so a SIGKILL can reach an orphaned next-server

  async function stop() {
    const tree = processTree(pid);
    if (tree.length) known = tree;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM"); // start.mjs forwards it to next-server
      await Promise.race([exited, sleep(5000)]);
    }
    const table = procTable();
    for (const p of known) {
      if (table.has(p)) {
        try {
          process.kill(p, "SIGKILL");
        } catch {}
      }
    }
  }
  onCleanup(stop);
  onCleanup(() => agent.destroy()); // runs first: close idle keep-alive sockets to the server

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`Keyscope exited with ${child.exitCode}:\n${output.join("\n")}`);
    }
    checkDeadline(deadline, `Keyscope on ${base} (GET /api/health)`);
    try {
      if ((await getJson(`${base}/api/health`, 2000)).ok === true) break;
    } catch {}
    await sleep(200);
  }
  known = processTree(pid);
  log(`Keyscope pid ${pid} on ${base} (process tree: ${known.join(", ")})`);
  return {
    base,
    pid,
    /** The processes that serve requests: everything under start.mjs, not the wrapper itself. */
    serverPids: () => serverProcesses(pid),
    allPids: () => processTree(pid),
    stop,
  };
}

/**
 * The processes that serve requests: the `next-server` children of start.mjs and their trees when
 * it launches one (as `next start` does), else start.mjs itself and what it started (when it
 * runs Next's request handler in-process).
 */
function serverProcesses(pid) {
  const table = procTable();
  const tree = processTree(pid, table);
  const servers = tree.filter((p) => p !== pid && /^next-server/.test(table.get(p)?.comm ?? ""));
  return servers.length ? [...new Set(servers.flatMap((p) => processTree(p, table)))] : tree;
}

// A plain keep-alive HTTP client: lighter than fetch, so that on a 2-core machine the bench's own
// CPU takes as little as possible from the server it measures.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** GET → { status, body: Buffer, headers }, on the keep-alive agent. */
function httpGet(url, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () =>
        resolve({ status: res.statusCode, body: Buffer.concat(chunks), headers: res.headers }),
      );
    });
    req.on("timeout", () => req.destroy(new Error(`GET ${url}: no answer in ${timeoutMs} ms`)));
    req.on("error", reject);
  });
}

async function getJson(url, timeoutMs = 30_000) {
  const { status, body } = await httpGet(url, timeoutMs);
  const text = body.toString("utf8");
  if (status !== 200) throw new Error(`GET ${url} → ${status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

// --- main -----------------------------------------------------------------------------------------

function benchCommand() {
  const vars = Object.keys(process.env)
    .filter((k) => k.startsWith("BENCH_"))
    .sort()
    .map((k) => `${k}=${process.env[k]}`);
  const cmd =
    process.env.npm_lifecycle_event === "bench" ? "npm run bench" : "node scripts/bench.mjs";
  return [...vars, cmd].join(" ");
}

function machineInfo() {
  const nproc = spawnSync("nproc", { encoding: "utf8" }).stdout.trim() || String(os.cpus().length);
  const version = (dir) => {
    try {
      return JSON.parse(readFileSync(join(root, "node_modules", dir, "package.json"), "utf8"))
        .version;
    } catch {
      return "?";
    }
  };
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    command: benchCommand(),
    node: process.version,
    next: version("next"),
    ioredis: version("ioredis"),
    nproc,
    git: gitDescription(),
    cpu: os.cpus()[0]?.model?.trim() ?? "?",
    loadavg: os.loadavg().map((x) => x.toFixed(2)),
  };
}

const INTRO = `# Benchmarks

Figures from \`npm run bench\` (\`scripts/bench.mjs\`). The script starts its own throwaway
\`redis-server\` on a free port, seeds it, builds Keyscope into \`.next-bench\` if needed, starts it
with \`node scripts/start.mjs\` against that Redis, measures, and stops everything it started.

**Method.** The machines these numbers come from are shared and noisy, so absolute times are
only indicative. Every target is either a latency percentile measured after warm-up, or a
**ratio against a baseline measured in the same script, on the same data**, with the timed runs
interleaved (run 1 of every measure, then run 2, …) and the median reported. The ratios are
what to compare between runs and machines. Walks also report the CPU time of every process
involved (Redis, Keyscope, the bench's own client), read from \`/proc\`: it shows where the
time goes, and it swings less than wall time when other jobs compete for the cores (on a busy
VM it still inflates, so compare it within one run too).

**Running it.**

\`\`\`sh
npm run bench                     # 1,000,000 keys; the build step runs once per checkout
BENCH_KEYS=100000 npm run bench   # a quick run
BENCH_ONLY=keys npm run bench     # only the named sections (comma-separated)
BENCH_REBUILD=1 npm run bench     # rebuild .next-bench first (after changing the app)
BENCH_ONLY=values BENCH_VALUES_SCALE=0.1 npm run bench   # big values at a tenth of their size
\`\`\`

Other knobs: \`BENCH_RUNS\` (timed runs per measure, default 3), \`BENCH_OUT\` (where to write,
\`-\` for nowhere), \`BENCH_TIMEOUT_S\` (default 1800), \`BENCH_STRICT=1\` (exit 1 on a missed
target), \`BENCH_VALUES_BROWSER=0\` (skip the browser part of \`values\`, which needs
\`@playwright/test\` and \`/usr/bin/chromium\`; it never downloads a browser), \`BENCH_BULK_KEYS\`,
\`BENCH_BULK_RUNS\` (default \`BENCH_RUNS\`) and \`BENCH_BULK_COUNT\` (passed to \`scripts/bench-bulk.mjs\`).
Needs \`redis-server\` and \`redis-cli\` on the PATH. Each section below is rewritten in
place by its own run, between its \`<!-- bench:<name>:start/end -->\` markers; the rest of this
file is left alone, so new sections can be added by registering them in \`sections\` in the
script.
`;

function writeSection(file, name, markdown) {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  let text = existsSync(file) ? readFileSync(file, "utf8") : INTRO;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const i = text.indexOf(start);
  const j = text.indexOf(end, i);
  if (i >= 0 && j > i) text = text.slice(0, i) + block + text.slice(j + end.length);
  else text = `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, text);
}

async function main() {
  const selected = ONLY.length ? sections.filter((s) => ONLY.includes(s.name)) : sections;
  const unknown = ONLY.filter((n) => !sections.some((s) => s.name === n));
  if (unknown.length) {
    throw new Error(
      `BENCH_ONLY names unknown sections: ${unknown.join(", ")} (known: ${sections.map((s) => s.name).join(", ")})`,
    );
  }
  const info = machineInfo();
  log(`${info.command} · node ${info.node} · nproc ${info.nproc} · load ${info.loadavg.join(" ")}`);
  const failures = [];
  let missed = 0;
  for (const section of selected) {
    log(`section "${section.name}"`);
    const ctx = {
      info,
      keys: KEYS,
      runs: RUNS,
      startRedis: startThrowawayRedis,
      redisClient,
      startKeyscope,
      ensureBuild,
    };
    let result;
    try {
      result = await section.run(ctx);
    } finally {
      await cleanup(); // each section leaves nothing running behind it
      cleaningUp = null;
    }
    console.log(`\n${section.title}`);
    for (const c of result.checks) {
      const status = c.pass === undefined ? "    " : c.pass ? "PASS" : c.error ? "FAIL" : "MISS";
      console.log(
        `  ${status}  ${c.name.padEnd(44)} ${c.value.padEnd(26)} ${c.target ? `target ${c.target}` : ""}`,
      );
      if (c.pass === false && c.error) failures.push(c.name);
      else if (c.pass === false) missed++;
    }
    if (OUT !== "-") {
      writeSection(OUT, section.name, result.markdown);
      log(`wrote section "${section.name}" to ${relative(process.cwd(), OUT) || OUT}`);
    }
  }
  if (failures.length) throw new Error(`failed: ${failures.join("; ")}`);
  if (STRICT && missed) throw new Error(`${missed} target(s) missed`);
}

// =================================================================================================
// Section "keys": seeding, SCAN walks through the API and without it, first-page latency, RSS.
// =================================================================================================

const NAMESPACES = ["user", "user", "user", "session", "session", "cache", "cache", "order"];
const NAMESPACES_TAIL = ["product", "token"];
const COMPOSITE = ["hash", "list", "set", "zset"];

/** What key i is: deterministic, so two runs seed the same data. */
function keySpec(i) {
  const ttl = i % 3 === 0 ? 3600 + ((i * 7919) % 82_800) : 0; // ~1/3 expire in 1–24 h
  if (i % 100 === 42) {
    const type = COMPOSITE[Math.floor(i / 100) % 4]; // ~1%: hashes, lists, sets, zsets
    const ns = { hash: "profile", list: "queue", set: "tags", zset: "rank" }[type];
    return { key: `bench:${ns}:${i}`, type, ttl };
  }
  const slot = i % 10;
  const ns = slot < 8 ? NAMESPACES[slot] : NAMESPACES_TAIL[slot - 8];
  return { key: `bench:${ns}:${i}`, type: "string", ttl };
}

/** Seeds keys 0..n-1 with pipelines: MSET for plain strings, SET EX for expiring ones. */
async function seed(client, n, deadline) {
  const BATCH = 20_000; // keys per pipeline
  const IN_FLIGHT = 3;
  const pending = new Set();
  for (let start = 0; start < n; start += BATCH) {
    checkDeadline(deadline, "seeding");
    const p = client.pipeline();
    let mset = [];
    const end = Math.min(n, start + BATCH);
    for (let i = start; i < end; i++) {
      const { key, type, ttl } = keySpec(i);
      if (type === "string") {
        const value = `{"id":${i},"v":"${(i * 2654435761) % 1e9}"}`;
        if (ttl) p.set(key, value, "EX", ttl);
        else {
          mset.push(key, value);
          if (mset.length >= 2000) {
            p.mset(mset);
            mset = [];
          }
        }
        continue;
      }
      if (type === "hash") p.hset(key, "name", `n${i}`, "email", `u${i}@example.com`, "n", i);
      else if (type === "list") p.rpush(key, "a", "b", "c", String(i));
      else if (type === "set") p.sadd(key, "red", "green", "blue", String(i));
      else p.zadd(key, 1, "a", 2, "b", 3, String(i));
      if (ttl) p.expire(key, ttl);
    }
    if (mset.length) p.mset(mset);
    const done = p.exec().then((replies) => {
      const err = replies?.find(([e]) => e);
      if (err) throw err[0];
    });
    pending.add(done);
    done.finally(() => pending.delete(done)).catch(() => {});
    if (pending.size >= IN_FLIGHT) await Promise.race(pending);
  }
  await Promise.all(pending);
}

/** The Lua script lib/redis/scan.ts runs, read from its source so the two cannot drift apart. */
function scanScript() {
  const src = readFileSync(join(root, "lib", "redis", "scan.ts"), "utf8");
  const m = /const SCAN_WITH_META = script\(`([\s\S]*?)`\);/.exec(src);
  if (!m || m[1].includes("${")) return null;
  return { lua: m[1], sha: createHash("sha1").update(m[1]).digest("hex") };
}

async function evalScript(client, s, args) {
  try {
    return await client.callBuffer("EVALSHA", s.sha, 0, ...args);
  } catch (e) {
    if (!String(e.message).startsWith("NOSCRIPT")) throw e;
    return client.callBuffer("EVAL", s.lua, 0, ...args);
  }
}

// Each walker returns { seen } and optionally fills `unique`.

async function walkIoredis(client, count, deadline) {
  let cursor = "0";
  let seen = 0;
  do {
    checkDeadline(deadline, "ioredis SCAN walk");
    const [next, keys] = await client.scanBuffer(cursor, "COUNT", count);
    seen += keys.length;
    cursor = next.toString();
  } while (cursor !== "0");
  return { seen };
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** The Lua script of scan.ts in a bare loop; with `json`, also the route's encode and a parse. */
async function walkLua(client, s, count, json, deadline) {
  let cursor = "0";
  let seen = 0;
  do {
    checkDeadline(deadline, "ioredis Lua walk");
    const [next, keys, types, ttls] = await evalScript(client, s, [cursor, count, "", ""]);
    cursor = next.toString();
    if (keys.length === 0) continue;
    const t = types.toString().split(",");
    const p = ttls.toString().split(",").map(Number);
    const page = [];
    for (let i = 0; i < keys.length; i++) {
      const ttl = p[i] < 0 ? p[i] : Math.round(p[i] / 1000);
      if (t[i] !== "none") page.push({ key: keys[i], type: t[i], ttl });
    }
    if (json) {
      const body = JSON.stringify({
        cursor,
        keys: page.map((k) => ({ key: strictUtf8.decode(k.key), type: k.type, ttl: k.ttl })),
        dbsize: 0,
      });
      seen += JSON.parse(body).keys.length;
    } else seen += page.length;
  } while (cursor !== "0");
  return { seen };
}

async function walkApi(base, query, deadline, unique) {
  let cursor = "0";
  let seen = 0;
  let requests = 0;
  let dbsize = 0;
  let shapeOk = true;
  const meta = !query.includes("meta=0");
  do {
    checkDeadline(deadline, `API walk (${query})`);
    const page = await getJson(
      `${base}/api/connections/default/db/0/keys?${query}&cursor=${encodeURIComponent(cursor)}`,
    );
    requests++;
    seen += page.keys.length;
    if (unique) {
      for (const k of page.keys) {
        unique.add(typeof k.key === "string" ? `s:${k.key}` : `b:${k.key.b64}`);
        if (meta ? typeof k.type !== "string" || typeof k.ttl !== "number" : "type" in k) {
          shapeOk = false;
        }
      }
    }
    cursor = page.cursor;
    dbsize = page.dbsize;
  } while (cursor !== "0");
  return { seen, requests, dbsize, shapeOk };
}

function redisCliWalk(port, extra, deadline) {
  return new Promise((resolve, reject) => {
    const child = spawn("redis-cli", ["-p", String(port), "--scan", ...extra], {
      stdio: ["ignore", "ignore", "pipe"], // stdout → /dev/null
    });
    let err = "";
    child.stderr.on("data", (d) => {
      err += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), Math.max(1000, deadline - Date.now()));
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve({});
      else reject(new Error(`redis-cli --scan ${extra.join(" ")} exited ${code}: ${err.trim()}`));
    });
  });
}

function commandStats(text) {
  const out = {};
  for (const m of text.matchAll(/^cmdstat_(\S+?):calls=(\d+),usec=(\d+)/gm)) {
    out[m[1]] = { calls: Number(m[2]), usec: Number(m[3]) };
  }
  return out;
}

async function keysSection(ctx) {
  const n = ctx.keys;
  const started = Date.now();
  const build = await ctx.ensureBuild(); // first: a failed build should not cost a seeding
  const redis = await ctx.startRedis();
  const admin = ctx.redisClient(redis.port);
  const redisVersion = /redis_version:(\S+)/.exec(await admin.info("server"))?.[1] ?? "?";
  const cliVersion = spawnSync("redis-cli", ["--version"], { encoding: "utf8" }).stdout.trim();
  const cliHelp = spawnSync("redis-cli", ["--help"], { encoding: "utf8" });
  const cliHasCount = /--count\b/.test(`${cliHelp.stdout}${cliHelp.stderr}`);

  log(`seeding ${int(n)} keys…`);
  const seedStart = performance.now();
  await seed(admin, n, Date.now() + 10 * 60_000);
  const seedMs = performance.now() - seedStart;
  const dbsize = await admin.dbsize();
  if (dbsize !== n) throw new Error(`seeded ${n} keys but DBSIZE is ${dbsize}`);
  const usedMemory = Number(/used_memory:(\d+)/.exec(await admin.info("memory"))?.[1] ?? 0);
  log(`seeded ${int(n)} keys in ${secs(seedMs)} (redis used_memory ${mib(usedMemory / 1024)})`);

  const app = await ctx.startKeyscope(redis.url);
  const keysUrl = `${app.base}/api/connections/default/db/0/keys`;
  const walkBudget = () => Date.now() + Math.max(120_000, (n / 1e6) * 300_000);

  // -- first page, type and TTL on -----------------------------------------------------------
  const first = await getJson(`${keysUrl}?count=500&cursor=0`);
  if (first.dbsize !== n || first.keys.length === 0 || typeof first.keys[0].ttl !== "number") {
    throw new Error(`unexpected first page: ${JSON.stringify(first).slice(0, 300)}`);
  }
  const latencyDeadline = Date.now() + 5 * 60_000; // for the request loops below
  const pageTimes = [];
  for (let i = 0; i < 55; i++) {
    checkDeadline(latencyDeadline, "first-page requests");
    const t0 = performance.now();
    const page = await getJson(`${keysUrl}?count=500&cursor=0`);
    if (i >= 5) pageTimes.push(performance.now() - t0);
    if (page.keys.length === 0) throw new Error("first page came back empty");
  }
  const pageP50 = percentile(pageTimes, 50);
  const pageP95 = percentile(pageTimes, 95);
  log(`first page: p50 ${ms1(pageP50)}, p95 ${ms1(pageP95)} (${first.keys.length} keys)`);

  // -- a filter that matches nothing -----------------------------------------------------------
  // On a big keyspace the route's time budget ends the request with an empty page and a cursor
  // to continue; a small keyspace may be scanned to the end within it (cursor "0").
  const nothingTimes = [];
  let nothingOk = true;
  let nothingContinues = true;
  for (let i = 0; i < 6; i++) {
    checkDeadline(latencyDeadline, "match=nothing:* requests");
    const t0 = performance.now();
    const page = await getJson(`${keysUrl}?match=${encodeURIComponent("nothing:*")}&cursor=0`);
    nothingTimes.push(performance.now() - t0);
    if (page.keys.length !== 0) nothingOk = false;
    if (page.cursor === "0") nothingContinues = false;
  }
  const nothingCold = nothingTimes[0];
  const nothingMed = median(nothingTimes.slice(1));
  log(`match=nothing:* first response: ${ms1(nothingCold)} cold, median ${ms1(nothingMed)}`);

  // The floor under every request: Next's routing and a response, with no Redis work (health),
  // and a keys request that does almost none (one key, names only).
  const floor = async (url) => {
    const xs = [];
    for (let i = 0; i < 55; i++) {
      checkDeadline(latencyDeadline, `requests to ${url}`);
      const t0 = performance.now();
      await getJson(url);
      if (i >= 5) xs.push(performance.now() - t0);
    }
    return percentile(xs, 50);
  };
  const healthP50 = await floor(`${app.base}/api/health`);
  const tinyP50 = await floor(`${keysUrl}?count=1&meta=0&cursor=0`);
  log(`request floor: /api/health p50 ${ms1(healthP50)}, keys?count=1&meta=0 p50 ${ms1(tinyP50)}`);

  const rssBeforeKiB = app.serverPids().reduce((s, p) => s + statusKiB(p, "VmRSS"), 0);

  // -- correctness (and warm-up) walks: every key exactly once, up to SCAN's duplicates ---------
  const apiWalks = [
    { id: "api1000", label: "API, type+TTL, count=1000", query: "count=1000" },
    { id: "api5000", label: "API, type+TTL, count=5000", query: "count=5000" },
    { id: "apiNames", label: "API, names only (meta=0), count=5000", query: "meta=0&count=5000" },
  ];
  for (const w of apiWalks) {
    const unique = new Set();
    const t0 = performance.now();
    const r = await walkApi(app.base, w.query, walkBudget(), unique);
    w.verify = { ...r, unique: unique.size, ms: performance.now() - t0 };
    w.verify.duplicates = r.seen - unique.size;
    log(
      `${w.label}: ${int(unique.size)} distinct keys of ${int(r.dbsize)} (${int(w.verify.duplicates)} duplicates, ${r.requests} requests, warm-up ${secs(w.verify.ms)})`,
    );
  }

  // -- timed walks, interleaved, RUNS times ------------------------------------------------------
  const lua = scanScript();
  const luaClient = ctx.redisClient(redis.port);
  const baseClient = ctx.redisClient(redis.port);
  await baseClient.ping();
  await luaClient.ping();
  const measures = [
    {
      id: "baseline",
      label: "ioredis `SCAN cursor COUNT 1000`, names only (baseline)",
      run: (d) => walkIoredis(baseClient, 1000, d),
    },
    {
      id: "cli",
      label: "`redis-cli --scan` (COUNT 10) > /dev/null",
      run: (d) => redisCliWalk(redis.port, [], d),
    },
    cliHasCount && {
      id: "cli1000",
      label: "`redis-cli --scan --count 1000` > /dev/null",
      run: (d) => redisCliWalk(redis.port, ["--count", "1000"], d),
    },
    ...apiWalks.map((w) => ({
      id: w.id,
      label: w.label,
      run: (d) => walkApi(app.base, w.query, d),
      cpu: true,
    })),
    ...(lua
      ? [1000, 5000].flatMap((c) => [
          {
            id: `lua${c}`,
            label: `ioredis + scan.ts's Lua script, count=${c} (no HTTP)`,
            run: (d) => walkLua(luaClient, lua, c, false, d),
            cpu: true,
          },
          {
            id: `luaJson${c}`,
            label: `… + route's JSON encode and a client's parse, count=${c}`,
            run: (d) => walkLua(luaClient, lua, c, true, d),
            cpu: true,
          },
        ])
      : []),
  ].filter(Boolean);
  for (const m of measures) m.samples = [];
  for (let run = 0; run < ctx.runs; run++) {
    // rotate the order so no measure always runs right after the same neighbour
    for (let k = 0; k < measures.length; k++) {
      const m = measures[(k + run) % measures.length];
      await admin.config("RESETSTAT");
      const table0 = procTable();
      const appPids = app.allPids();
      const cpu0 = {
        redis: cpuMsOf([redis.pid], table0),
        app: cpuMsOf(appPids, table0),
        bench: process.cpuUsage(),
      };
      const t0 = performance.now();
      const r = await m.run(walkBudget());
      const ms = performance.now() - t0;
      const table1 = procTable();
      const stats = commandStats(await admin.info("commandstats"));
      const benchCpu = process.cpuUsage(cpu0.bench);
      const sample = {
        ms,
        seen: r.seen,
        redisCpu: cpuMsOf([redis.pid], table1) - cpu0.redis,
        appCpu: cpuMsOf(appPids, table1) - cpu0.app,
        benchCpu: (benchCpu.user + benchCpu.system) / 1000,
        // a script's time includes the commands it calls, which are also counted on their own
        redisCmdMs:
          ((stats.evalsha?.usec ?? 0) + (stats.eval?.usec ?? 0) || (stats.scan?.usec ?? 0)) / 1000,
      };
      // CPU time of every process involved: unlike wall time, it barely moves when other jobs
      // compete for the cores, so its ratio is the steadier one on a busy machine.
      sample.totalCpu = sample.redisCpu + sample.appCpu + sample.benchCpu;
      m.samples.push(sample);
      if (r.seen !== undefined && r.seen < n) {
        throw new Error(`${m.label} saw ${r.seen} keys, fewer than the ${n} seeded`);
      }
    }
    log(
      `run ${run + 1}/${ctx.runs}: ${measures.map((m) => `${m.id} ${secs(m.samples.at(-1).ms)}`).join(", ")}`,
    );
  }
  const med = (m, f = "ms") => median(m.samples.map((s) => s[f]));
  const byId = Object.fromEntries(measures.map((m) => [m.id, m]));
  const baseMs = med(byId.baseline);
  const baseCpu = med(byId.baseline, "totalCpu");

  // -- memory of the Keyscope server after the walks --------------------------------------------
  const serverPids = app.serverPids();
  const table = procTable();
  const rssKiB = serverPids.reduce((s, p) => s + statusKiB(p, "VmRSS"), 0);
  const hwmKiB = serverPids.reduce((s, p) => s + statusKiB(p, "VmHWM"), 0);
  const wrapperKiB = serverPids.includes(app.pid) ? 0 : statusKiB(app.pid, "VmRSS");
  const serverNames = serverPids
    .map((p) => `${p === app.pid ? "scripts/start.mjs" : (table.get(p)?.comm ?? "?")} pid ${p}`)
    .join(", ");
  log(
    `Keyscope RSS ${mib(rssKiB)} (peak ${mib(hwmKiB)}; ${serverNames})${wrapperKiB ? `; wrapper ${mib(wrapperKiB)}` : ""}`,
  );

  // -- checks and Markdown ------------------------------------------------------------------------
  const walkRatio = (id) => med(byId[id]) / baseMs;
  const checks = [
    {
      name: "first page p50 (count=500, type+TTL)",
      value: `${ms1(pageP50)} (p95 ${ms1(pageP95)})`,
      target: "< 50 ms",
      pass: pageP50 < 50,
    },
    {
      name: "walk type+TTL count=1000 / baseline",
      value: `${ratio(walkRatio("api1000"))} (${secs(med(byId.api1000))})`,
      target: "≤ 3.00×",
      pass: walkRatio("api1000") <= 3,
    },
    {
      name: "walk type+TTL count=5000 / baseline",
      value: `${ratio(walkRatio("api5000"))} (${secs(med(byId.api5000))})`,
      target: "≤ 3.00×",
      pass: walkRatio("api5000") <= 3,
    },
    {
      name: "same, CPU time of Redis + Keyscope + client",
      value: `${ratio(med(byId.api5000, "totalCpu") / baseCpu)} (${secs(med(byId.api5000, "totalCpu"))})`,
    },
    {
      name: "walk names only count=5000 / baseline",
      value: `${ratio(walkRatio("apiNames"))} (${secs(med(byId.apiNames))})`,
    },
    {
      name: "baseline walk (ioredis SCAN COUNT 1000)",
      value: secs(baseMs),
    },
    {
      name: "Keyscope server RSS after the walks",
      value: `${mib(rssKiB)} (peak ${mib(hwmKiB)})`,
      target: "< 250 MiB",
      pass: rssKiB < 250 * 1024,
    },
    {
      name: "match=nothing:* first response",
      value: `${ms1(nothingMed)} (cold ${ms1(nothingCold)}), ${nothingContinues ? "cursor to continue" : "walk done"}`,
      target: 'empty page, cursor ≠ "0"',
      pass: nothingOk && (nothingContinues || n < 500_000),
      error: !nothingOk,
    },
    ...apiWalks.map((w) => ({
      name: `keys seen, ${w.label.replace("API, ", "")}`,
      value: `${int(w.verify.unique)}/${int(n)} +${w.verify.duplicates} dup`,
      target: "= DBSIZE",
      pass: w.verify.unique === n && w.verify.dbsize === n && w.verify.shapeOk,
      error: true,
    })),
  ];

  const status = (c) => (c.pass === undefined ? "" : c.pass ? "PASS" : c.error ? "FAIL" : "MISS");
  const spread = (m) => {
    const xs = m.samples.map((s) => s.ms);
    return `${secs(Math.min(...xs))} – ${secs(Math.max(...xs))}`;
  };
  const info = ctx.info;
  const md = [];
  md.push(`## Key browsing: \`GET /api/connections/{conn}/db/{db}/keys\``);
  md.push("");
  md.push(
    `Run ${info.date} with \`${info.command}\`: **${int(n)} keys**, Node ${info.node}, Redis ${redisVersion} (${cliVersion}), Next ${info.next}, ioredis ${info.ioredis}, \`nproc\` ${info.nproc} (${info.cpu}), load average at start ${info.loadavg.join(" ")}. Tree ${info.git}; build ${build.id}${build.built ? ` (built in ${secs(build.ms)} for this run)` : " (existing"}${build.built ? "" : build.newerSources.length ? `, older than ${build.newerSources.length} changed source files)` : ", up to date with the sources)"}. Timed walks: median of ${ctx.runs} interleaved runs.`,
  );
  md.push("");
  md.push(
    `Data: \`bench:<namespace>:<n>\` keys — small JSON-ish strings in user, session, cache, order, product and token namespaces; about 1/3 with a TTL of 1–24 h; 1% hashes, lists, sets and zsets. Seeded with pipelines in ${secs(seedMs)} (Redis \`used_memory\` ${mib(usedMemory / 1024)}).`,
  );
  md.push("");
  md.push("| Measure | Result | Target | |");
  md.push("|---|---|---|---|");
  for (const c of checks) md.push(`| ${c.name} | ${c.value} | ${c.target ?? ""} | ${status(c)} |`);
  md.push("");
  md.push("Full walks of the keyspace (wall time, median and range of the runs):");
  md.push("");
  md.push("| Walk | Median | Range | × baseline | Requests / keys seen |");
  md.push("|---|---|---|---|---|");
  for (const m of measures) {
    const w = apiWalks.find((a) => a.id === m.id);
    const seen = m.samples[0].seen;
    md.push(
      `| ${m.label} | ${secs(med(m))} | ${spread(m)} | ${ratio(med(m) / baseMs)} | ${w ? `${int(w.verify.requests)} / ${int(w.verify.seen)}` : seen !== undefined ? `– / ${int(seen)}` : "–"} |`,
    );
  }
  md.push("");
  md.push(
    "How to read it: the baseline is the cheapest possible walk (names only, one round trip per 1000 keys, no HTTP). The `ioredis + scan.ts's Lua script` rows run the exact script the route runs, from the bench process and without HTTP: their distance from the baseline is what fetching type and TTL costs Redis and ioredis, and the distance from them to the API rows is Next, JSON and HTTP.",
  );
  md.push("");
  md.push(
    "Where the time goes (CPU time per walk, median; Redis command time from `INFO commandstats`, which counts the whole script; Σ CPU adds Redis, Keyscope and the bench client):",
  );
  md.push("");
  md.push(
    "| Walk | Wall | Redis CPU | Redis in commands | Keyscope CPU | Bench client CPU | Σ CPU | Σ CPU × baseline |",
  );
  md.push("|---|---|---|---|---|---|---|---|");
  for (const m of measures.filter((x) => x.cpu || x.id === "baseline")) {
    const appCpu = m.id.startsWith("api") ? secs(med(m, "appCpu")) : "–";
    md.push(
      `| ${m.label} | ${secs(med(m))} | ${secs(med(m, "redisCpu"))} | ${secs(med(m, "redisCmdMs"))} | ${appCpu} | ${secs(med(m, "benchCpu"))} | ${secs(med(m, "totalCpu"))} | ${ratio(med(m, "totalCpu") / baseCpu)} |`,
    );
  }
  md.push("");
  md.push(
    `First page: ${pageTimes.length} requests of \`?count=500&cursor=0\` after 5 warm-ups; p50 ${ms1(pageP50)}, p95 ${ms1(pageP95)}, max ${ms1(Math.max(...pageTimes))}. A filter that matches nothing (\`?match=nothing:*\`, count 500) answered ${nothingOk ? "an empty page" : "a NON-EMPTY page"} ${nothingContinues ? "with a cursor to continue" : 'with cursor "0" (the whole keyspace fit in the route\'s time budget)'} in ${ms1(nothingMed)} (median of 5 after one cold request of ${ms1(nothingCold)}). The floor under every request, p50 of 50: \`GET /api/health\` ${ms1(healthP50)}, \`GET …/keys?count=1&meta=0\` ${ms1(tinyP50)}. Keyscope's RSS (${serverNames}) was ${mib(rssBeforeKiB)} before the walks and ${mib(rssKiB)} after them (peak ${mib(hwmKiB)})${wrapperKiB ? `; the \`scripts/start.mjs\` wrapper that launched it adds ${mib(wrapperKiB)}` : ""}. ${lua ? "" : "The Lua script could not be read from lib/redis/scan.ts, so the Lua rows are missing. "}${cliHasCount ? "" : `This redis-cli has no \`--count\` option, so only its default COUNT 10 walk is shown. `}The whole section took ${secs(Date.now() - started)}; load average at the end ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}.`,
  );
  return { markdown: md.join("\n"), checks };
}

// =================================================================================================
// Section "values": first pages of big values and their key details through the API against the
// least a bare ioredis client could do, a 100 MiB download, the server's RSS, and the browser's
// JS heap with each big key open.
// =================================================================================================

const MiB = 1024 * 1024;
const VALUES_SCALE = positiveNumber("BENCH_VALUES_SCALE", 1);
const VALUES_BROWSER = process.env.BENCH_VALUES_BROWSER !== "0";
const VALUE_WARMUPS = 5;
const VALUE_SAMPLES = 30;
const CHROMIUM = CHROMIUM_PATH;

/** The big keys, scaled by BENCH_VALUES_SCALE; `size` in elements, or bytes for the string. */
function bigKeySpecs(scale) {
  const n = (x) => Math.max(1000, Math.round(x * scale));
  return [
    { type: "hash", key: "bench:big:hash", size: n(1_000_000), unit: "fields" },
    { type: "list", key: "bench:big:list", size: n(1_000_000), unit: "items" },
    { type: "zset", key: "bench:big:zset", size: n(500_000), unit: "members" },
    {
      type: "string",
      key: "bench:big:string",
      size: Math.max(1, Math.round(100 * scale)) * MiB,
      unit: "bytes",
    },
  ];
}

/** The least work a bare client could do for the same first page as the API's defaults. */
const BASELINE_COMMAND = {
  hash: (key) => ["HSCAN", key, "0", "COUNT", "100"],
  list: (key) => ["LRANGE", key, "0", "99"],
  zset: (key) => ["ZRANGE", key, "0", "99", "WITHSCORES"],
  string: (key) => ["GETRANGE", key, "0", "65535"],
};

const STRING_TEXT =
  "The quick brown fox jumps over the lazy dog. 0123456789 abcdefghijklmnopqrstuvwxyz\n";

/** 1 MiB of printable ASCII (valid UTF-8, so the API sends it as a JSON string), numbered. */
function stringChunk(i) {
  const b = Buffer.alloc(MiB, STRING_TEXT);
  b.write(`#${String(i).padStart(6, "0")} `, 0, "latin1");
  return b;
}

/** Pipelines of `perPipeline` commands of `perCommand` elements each, at most 2 in flight. */
async function pipelinedBatches(client, total, perCommand, perPipeline, add, deadline, what) {
  const IN_FLIGHT = 2;
  const pending = new Set();
  const step = perCommand * perPipeline;
  for (let start = 0; start < total; start += step) {
    checkDeadline(deadline, what);
    const p = client.pipeline();
    const end = Math.min(total, start + step);
    for (let i = start; i < end; i += perCommand) add(p, i, Math.min(end, i + perCommand));
    const done = p.exec().then((replies) => {
      const err = replies?.find(([e]) => e);
      if (err) throw err[0];
    });
    pending.add(done);
    done.finally(() => pending.delete(done)).catch(() => {});
    if (pending.size >= IN_FLIGHT) await Promise.race(pending);
  }
  await Promise.all(pending);
}

/** Seeds the big keys; returns the SHA-1 of the string, to check downloads against. */
async function seedBigKeys(client, specs, deadline) {
  const sha1 = createHash("sha1");
  for (const s of specs) {
    await client.unlink(s.key);
    const what = `seeding ${s.key}`;
    if (s.type === "hash") {
      await pipelinedBatches(
        client,
        s.size,
        1000,
        50,
        (p, a, b) => {
          const args = [];
          for (let i = a; i < b; i++)
            args.push(`field:${i}`, `value ${i} ${(i * 2654435761) % 1e9}`);
          p.hset(s.key, args);
        },
        deadline,
        what,
      );
    } else if (s.type === "list") {
      await pipelinedBatches(
        client,
        s.size,
        1000,
        50,
        (p, a, b) => {
          const items = [];
          for (let i = a; i < b; i++) items.push(`item ${i} ${(i * 2654435761) % 1e9}`);
          p.rpush(s.key, items);
        },
        deadline,
        what,
      );
    } else if (s.type === "zset") {
      await pipelinedBatches(
        client,
        s.size,
        1000,
        50,
        (p, a, b) => {
          const args = [];
          for (let i = a; i < b; i++) args.push(((i * 2654435761) % 1_000_003) / 8, `member:${i}`);
          p.zadd(s.key, args);
        },
        deadline,
        what,
      );
    } else {
      // APPEND, 1 MiB per command, 4 per round trip.
      await pipelinedBatches(
        client,
        s.size / MiB,
        1,
        4,
        (p, i) => {
          const chunk = stringChunk(i);
          sha1.update(chunk);
          p.append(s.key, chunk);
        },
        deadline,
        what,
      );
    }
  }
  const lengths = await Promise.all(
    specs.map((s) =>
      client.call({ hash: "HLEN", list: "LLEN", zset: "ZCARD", string: "STRLEN" }[s.type], s.key),
    ),
  );
  specs.forEach((s, i) => {
    if (Number(lengths[i]) !== s.size) {
      throw new Error(`${s.key}: seeded ${s.size} ${s.unit} but Redis has ${lengths[i]}`);
    }
  });
  return sha1.digest("hex");
}

/** Reads a response to the end and throws the bytes away; optionally hashes them. */
function download(url, { hash = false, timeoutMs = 300_000 } = {}) {
  return new Promise((resolve, reject) => {
    // Its own connection, not the keep-alive agent's.
    const req = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
      let bytes = 0;
      const h = hash ? createHash("sha1") : null;
      res.on("data", (c) => {
        bytes += c.length;
        h?.update(c);
      });
      res.on("error", reject);
      res.on("end", () =>
        resolve({
          status: res.statusCode,
          bytes,
          contentLength:
            res.headers["content-length"] === undefined
              ? null
              : Number(res.headers["content-length"]),
          transferEncoding: res.headers["transfer-encoding"] ?? null,
          sha1: h?.digest("hex"),
        }),
      );
    });
    req.on("timeout", () => req.destroy(new Error(`GET ${url}: no answer in ${timeoutMs} ms`)));
    req.on("error", reject);
  });
}

/** Samples the summed VmRSS of `pids()` every `everyMs` until stopped; returns the peak. */
function rssSampler(pids, everyMs = 20) {
  const list = pids();
  let peak = 0;
  const tick = () => {
    const kib = list.reduce((s, p) => s + statusKiB(p, "VmRSS"), 0);
    if (kib > peak) peak = kib;
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return peak;
    },
  };
}

const rssOf = (pids) => pids.reduce((s, p) => s + statusKiB(p, "VmRSS"), 0);
const hwmOf = (pids) => pids.reduce((s, p) => s + statusKiB(p, "VmHWM"), 0);

/** Commands Redis ran and Keyscope's CPU time, per call of `fn`, over `reps` calls. */
async function accountFor(admin, app, fn, reps) {
  await admin.config("RESETSTAT");
  const pids = app ? app.allPids() : [];
  const t0 = procTable();
  const app0 = cpuMsOf(pids, t0);
  for (let i = 0; i < reps; i++) await fn();
  const t1 = procTable();
  const stats = commandStats(await admin.info("commandstats"));
  // the bench's own INFO and CONFIG RESETSTAT are left out (Redis 7 names subcommands `a|b`)
  const ours = Object.entries(stats).filter(([c]) => !/^(info|config)\b/.test(c));
  // EXEC's (and a script's) time includes the commands it ran, which are also counted alone.
  const timed = ours.filter(([c]) => !["exec", "eval", "evalsha"].includes(c));
  return {
    commands: ours
      .sort((a, b) => b[1].calls - a[1].calls)
      .map(
        ([c, v]) =>
          `${c.toUpperCase().replace("|", " ")}${v.calls === reps ? "" : ` ×${Number((v.calls / reps).toFixed(1))}`}`,
      ),
    calls: ours.reduce((s, [, v]) => s + v.calls, 0) / reps,
    redisUs: timed.reduce((s, [, v]) => s + v.usec, 0) / reps,
    appCpuMs: app ? (cpuMsOf(pids, t1) - app0) / reps : null,
  };
}

/** Polls the page until the key's details show its value: the viewer for its type, a row (or
 *  the text of a string), and no "Loading" anywhere in the panel. Resolves to the page's clock
 *  at that moment (epoch ms, like `performance.timeOrigin`). */
async function waitForValue(page, spec, timeout = 120_000) {
  const handle = await page.waitForFunction(
    ({ key, type }) => {
      const d = document.querySelector('[data-testid="key-details"]');
      if (!d) return false;
      if (d.querySelector("h2")?.textContent?.trim() !== key) return false;
      if (/Loading/.test(d.textContent ?? "")) return false;
      if (!d.querySelector(`[data-testid="${type}-viewer"]`)) return false;
      const content = d.querySelector(
        type === "string" ? '[data-testid="value-text"]' : '[data-testid="value-row"]',
      );
      if (content === null || content.getBoundingClientRect().height === 0) return false;
      return performance.timeOrigin + performance.now();
    },
    { key: spec.key, type: spec.type },
    { polling: 10, timeout },
  );
  return handle.jsonValue();
}

/** The page's clock at its next click (epoch ms), read with `clickedAt()`; null before one. */
async function armClickClock(page) {
  await page.evaluate(() => {
    window.__benchClickAt = null;
    document.addEventListener(
      "click",
      () => {
        window.__benchClickAt ??= performance.timeOrigin + performance.now();
      },
      { capture: true, once: true },
    );
  });
  return () => page.evaluate(() => window.__benchClickAt);
}

/** The page's requests to Keyscope (not its static assets) that finish until `stop()`. */
function trackRequests(page, base) {
  const list = [];
  const onFinished = (req) => {
    const url = req.url();
    if (!url.startsWith(base) || url.includes("/_next/static/")) return;
    const t = req.timing();
    list.push({ url, rsc: req.headers().rsc === "1", start: t.startTime, ms: t.responseEnd });
  };
  page.on("requestfinished", onFinished);
  return {
    stop() {
      page.off("requestfinished", onFinished);
      return list.sort((a, b) => a.start - b.start);
    },
  };
}

/** "`…/key` 9 ms (+150), …": what the page waited for, each starting that long after `t0`. */
function requestsText(list, t0) {
  return list
    .map((r) => {
      const u = new URL(r.url);
      u.searchParams.delete("_rsc");
      const path = `${u.pathname.replace(/^\/api\/connections\/[^/]+\/db\/\d+/, "…")}${u.search ? (r.rsc || u.pathname.startsWith("/c/") ? u.search : "") : ""}`;
      const kind = r.rsc ? "RSC " : u.pathname.startsWith("/api/") ? "" : "page ";
      return `${kind}\`${path}\` ${r.ms >= 0 ? ms1(r.ms) : "?"} (+${Math.max(0, r.start - t0).toFixed(0)})`;
    })
    .join(", ");
}

/** usedJSHeapSize as the page is, and after a full GC (what it keeps). */
async function heapOf(page, cdp) {
  const read = () => page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);
  const used = await read();
  await cdp.send("HeapProfiler.collectGarbage");
  const kept = await read();
  return { used, kept };
}

/**
 * Opens every big key in Chromium: one tab throughout (the key browser first, then each key by a
 * click on its row in the list, as a person would; `page.goto` to its address if the row cannot
 * be clicked), then a fresh browser context per key straight at `/c/default/db/0?key=…`.
 */
async function browserHeaps(base, specs) {
  if (!existsSync(CHROMIUM)) return { error: `${CHROMIUM} is missing` };
  let chromium;
  try {
    ({ chromium } = await import("@playwright/test"));
  } catch (e) {
    return { error: `@playwright/test could not be loaded: ${e.message}` };
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      ...CHROMIUM_ARGS,
      // performance.memory is otherwise rounded to coarse buckets and refreshed rarely
      "--enable-precise-memory-info",
    ],
  });
  onCleanup(() => browser.close().catch(() => {}));
  const version = browser.version();
  const dbUrl = `${base}/c/default/db/0`;
  const keyUrl = (s) => `${dbUrl}?key=${encodeURIComponent(s.key)}`;
  const out = { version, sameTab: [], fresh: [], empty: null };
  try {
    // -- one tab throughout ---------------------------------------------------------------------
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const t0 = performance.now();
    await page.goto(dbUrl);
    await page.locator('[data-testid="key-row"]').first().waitFor({ timeout: 60_000 });
    const emptyMs = performance.now() - t0;
    out.empty = { ms: emptyMs, ...(await heapOf(page, cdp)) };
    log(`browser: key browser, no key open: ${ms1(emptyMs)}, heap ${heapText(out.empty)}`);
    for (const s of specs) {
      const row = page
        .locator('[data-testid="key-row"]')
        .filter({ has: page.getByText(s.key, { exact: true }) });
      let how = "click on its row";
      const tracked = trackRequests(page, base);
      // Timed on the page's own clock, from the click event (not Playwright's actionability
      // checks before it) or the navigation's start, to the moment the value shows.
      const clickedAt = await armClickClock(page);
      let startedAt;
      try {
        await row.first().click({ timeout: 5000 });
        startedAt = await clickedAt();
      } catch {
        how = "page.goto";
        await page.goto(keyUrl(s));
        startedAt = await page.evaluate(() => performance.timeOrigin);
      }
      const shownAt = await waitForValue(page, s);
      const ms = shownAt - startedAt;
      const requests = requestsText(tracked.stop(), startedAt);
      const heap = await heapOf(page, cdp);
      out.sameTab.push({ spec: s, how, ms, ...heap, requests });
      log(`browser, same tab: ${s.key} (${how}) shown in ${ms1(ms)}, heap ${heapText(heap)}`);
      log(`  requests: ${requests}`);
    }
    await context.close();

    // -- a fresh tab (and browser context) per key ---------------------------------------------
    for (const s of specs) {
      const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const p = await ctx.newPage();
      const c = await ctx.newCDPSession(p);
      const tracked = trackRequests(p, base);
      await p.goto(keyUrl(s));
      const shownAt = await waitForValue(p, s);
      const startedAt = await p.evaluate(() => performance.timeOrigin); // the navigation's start
      const ms = shownAt - startedAt;
      const requests = requestsText(tracked.stop(), startedAt);
      const heap = await heapOf(p, c);
      out.fresh.push({ spec: s, ms, ...heap, requests });
      log(`browser, fresh tab: ${s.key} shown in ${ms1(ms)}, heap ${heapText(heap)}`);
      log(`  requests: ${requests}`);
      await ctx.close();
    }
  } finally {
    await browser.close().catch(() => {});
  }
  return out;
}

const heapMiB = (bytes) => (bytes === null ? "?" : `${(bytes / MiB).toFixed(1)} MiB`);
const heapText = (h) => `${heapMiB(h.used)} (${heapMiB(h.kept)} after GC)`;
const sizeText = (s) =>
  s.type === "string" ? `${int(s.size / MiB)} MiB` : `${int(s.size)} ${s.unit}`;

/** The line every section's Markdown starts with: when, how, on what. */
function runInfoLine(ctx, build, redisVersion) {
  const info = ctx.info;
  const buildText = build.built
    ? `built in ${secs(build.ms)} for this run`
    : build.newerSources.length
      ? `existing, older than ${build.newerSources.length} changed source files`
      : "existing, up to date with the sources";
  return `Run ${info.date} with \`${info.command}\`: Node ${info.node}, Redis ${redisVersion}, Next ${info.next}, ioredis ${info.ioredis}, \`nproc\` ${info.nproc} (${info.cpu}), load average at start ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}. Tree ${info.git}; build ${build.id} (${buildText}).`;
}

async function valuesSection(ctx) {
  const started = Date.now();
  const specs = bigKeySpecs(VALUES_SCALE);
  const build = await ctx.ensureBuild();
  const redis = await ctx.startRedis();
  const admin = ctx.redisClient(redis.port);
  const redisVersion = /redis_version:(\S+)/.exec(await admin.info("server"))?.[1] ?? "?";

  log(`seeding ${specs.map((s) => `${s.key} (${sizeText(s)})`).join(", ")}…`);
  const seedStart = performance.now();
  const stringSha1 = await seedBigKeys(admin, specs, Date.now() + 10 * 60_000);
  const seedMs = performance.now() - seedStart;
  const usedMemory = Number(/used_memory:(\d+)/.exec(await admin.info("memory"))?.[1] ?? 0);
  const encodings = await Promise.all(specs.map((s) => admin.object("ENCODING", s.key)));
  log(`seeded in ${secs(seedMs)} (redis used_memory ${mib(usedMemory / 1024)})`);

  const app = await ctx.startKeyscope(redis.url);
  const rssStartKiB = rssOf(app.serverPids());
  const api = `${app.base}/api/connections/default/db/0`;
  const q = (s) => `key=${encodeURIComponent(s.key)}`;
  const deadline = Date.now() + 10 * 60_000; // for the request loops below

  // -- first pages and key details, interleaved with the bare-client baseline --------------------
  const base = ctx.redisClient(redis.port);
  await base.ping();
  const firstPages = {};
  for (const s of specs) {
    const res = await httpGet(`${api}/key/value?${q(s)}`);
    if (res.status !== 200) {
      throw new Error(
        `GET …/key/value?${q(s)} → ${res.status}: ${res.body.toString().slice(0, 300)}`,
      );
    }
    const v = JSON.parse(res.body.toString("utf8"));
    const shown =
      { hash: v.entries, list: v.items, zset: v.members }[s.type]?.length ??
      (typeof v.value === "string"
        ? Buffer.byteLength(v.value)
        : Buffer.from(v.value.b64, "base64").length);
    if (v.type !== s.type || v.length !== s.size || !(shown > 0)) {
      throw new Error(`unexpected first page of ${s.key}: ${res.body.toString().slice(0, 300)}`);
    }
    const details = await getJson(`${api}/key?${q(s)}`);
    if (details.type !== s.type || details.length !== s.size) {
      throw new Error(`unexpected details of ${s.key}: ${JSON.stringify(details)}`);
    }
    firstPages[s.type] = { shown, bytes: res.body.length, details };
  }
  const measures = [
    { id: "health", url: `${app.base}/api/health` }, // the floor under every request
    ...specs.flatMap((s) => [
      { id: `value:${s.type}`, spec: s, url: `${api}/key/value?${q(s)}` },
      { id: `details:${s.type}`, spec: s, url: `${api}/key?${q(s)}` },
      { id: `base:${s.type}`, spec: s, command: BASELINE_COMMAND[s.type](s.key) },
    ]),
  ];
  for (const m of measures) m.times = [];
  const once = async (m) => {
    if (m.command) {
      await base.callBuffer(...m.command);
      return;
    }
    const res = await httpGet(m.url);
    if (res.status !== 200) throw new Error(`GET ${m.url} → ${res.status}`);
  };
  for (let i = 0; i < VALUE_WARMUPS + VALUE_SAMPLES; i++) {
    checkDeadline(deadline, "first-page requests");
    // rotate the order so no measure always runs right after the same neighbour
    for (let k = 0; k < measures.length; k++) {
      const m = measures[(k + i) % measures.length];
      const t0 = performance.now();
      await once(m);
      if (i >= VALUE_WARMUPS) m.times.push(performance.now() - t0);
    }
  }
  const byId = Object.fromEntries(measures.map((m) => [m.id, m]));
  const p = (id, pct) => percentile(byId[id].times, pct);
  for (const s of specs) {
    log(
      `${s.type}: first page p50 ${ms1(p(`value:${s.type}`, 50))} (p95 ${ms1(p(`value:${s.type}`, 95))}), details p50 ${ms1(p(`details:${s.type}`, 50))}, bare ${BASELINE_COMMAND[s.type](s.key)[0]} p50 ${ms1(p(`base:${s.type}`, 50))}`,
    );
  }
  const healthP50 = p("health", 50);

  // -- what each request makes Redis and Keyscope do ---------------------------------------------
  const REPS = 30;
  const work = {};
  for (const s of specs) {
    work[s.type] = {
      value: await accountFor(admin, app, () => once(byId[`value:${s.type}`]), REPS),
      details: await accountFor(admin, app, () => once(byId[`details:${s.type}`]), REPS),
      base: await accountFor(admin, null, () => once(byId[`base:${s.type}`]), REPS),
    };
  }
  const rssAfterPagesKiB = rssOf(app.serverPids());
  log(`Keyscope RSS after the first pages: ${mib(rssAfterPagesKiB)}`);

  // -- the whole string as a download, against a bare GETRANGE loop ------------------------------
  const str = specs.find((s) => s.type === "string");
  const downloadUrl = `${api}/key/download?${q(str)}`;
  const check = await download(downloadUrl, { hash: true });
  const downloadOk =
    check.status === 200 &&
    check.bytes === str.size &&
    (check.contentLength === null || check.contentLength === str.size) &&
    check.sha1 === stringSha1;
  if (!downloadOk) {
    log(
      `download check FAILED: status ${check.status}, ${check.bytes} bytes (content-length ${check.contentLength}) of ${str.size}, sha1 ${check.sha1 === stringSha1 ? "ok" : "differs"}`,
    );
  }
  const getrangeLoop = async () => {
    let offset = 0;
    while (offset < str.size) {
      const c = await base.getrangeBuffer(str.key, offset, Math.min(offset + MiB, str.size) - 1);
      if (c.length === 0) break;
      offset += c.length;
    }
    return offset;
  };
  const downloads = [];
  const loops = [];
  const DOWNLOAD_RUNS = Math.max(3, ctx.runs);
  for (let run = 0; run < DOWNLOAD_RUNS; run++) {
    checkDeadline(deadline, "downloads");
    const before = rssOf(app.serverPids());
    const sampler = rssSampler(() => app.serverPids());
    const t0 = performance.now();
    const r = await download(downloadUrl);
    const ms = performance.now() - t0;
    const peak = sampler.stop();
    if (r.bytes !== str.size)
      throw new Error(`download ${run + 1} got ${r.bytes} of ${str.size} bytes`);
    downloads.push({ ms, before, peak });
    const t1 = performance.now();
    const got = await getrangeLoop();
    loops.push(performance.now() - t1);
    if (got !== str.size) throw new Error(`GETRANGE loop read ${got} of ${str.size} bytes`);
    log(
      `download ${run + 1}/${DOWNLOAD_RUNS}: ${secs(ms)} (RSS ${mib(before)} → peak ${mib(peak)}); GETRANGE loop ${secs(loops.at(-1))}`,
    );
  }
  const dlMs = median(downloads.map((d) => d.ms));
  const loopMs = median(loops);
  const dlPeakKiB = Math.max(...downloads.map((d) => d.peak));
  const dlGrowthKiB = Math.max(...downloads.map((d) => d.peak - d.before));

  // -- the browser --------------------------------------------------------------------------------
  let browser = { error: "skipped (BENCH_VALUES_BROWSER=0)" };
  if (VALUES_BROWSER) {
    try {
      browser = await browserHeaps(app.base, specs);
    } catch (e) {
      browser = { error: e.message.split("\n")[0] };
      log(`browser part failed: ${e.stack ?? e}`);
    }
  }

  // -- the server's memory after all of it --------------------------------------------------------
  const serverPids = app.serverPids();
  const rssKiB = rssOf(serverPids);
  const hwmKiB = hwmOf(serverPids);
  log(`Keyscope RSS at the end ${mib(rssKiB)} (peak ${mib(hwmKiB)})`);

  // -- checks and Markdown ------------------------------------------------------------------------
  const checks = [];
  for (const s of specs) {
    const v50 = p(`value:${s.type}`, 50);
    const d50 = p(`details:${s.type}`, 50);
    checks.push(
      {
        name: `${s.type} first page p50 (${sizeText(s)})`,
        value: `${ms1(v50)} (p95 ${ms1(p(`value:${s.type}`, 95))})`,
        target: "< 100 ms",
        pass: v50 < 100,
      },
      {
        name: `${s.type} key details p50`,
        value: `${ms1(d50)} (p95 ${ms1(p(`details:${s.type}`, 95))})`,
        target: "< 100 ms",
        pass: d50 < 100,
      },
      {
        name: `${s.type} first page / bare ${BASELINE_COMMAND[s.type](s.key)[0]}`,
        value: `${ratio(v50 / p(`base:${s.type}`, 50))} (${ms1(p(`base:${s.type}`, 50))})`,
      },
    );
  }
  checks.push(
    {
      name: "Keyscope server RSS after all of it",
      value: `${mib(rssKiB)} (peak ${mib(hwmKiB)})`,
      target: "< 250 MiB",
      pass: rssKiB < 250 * 1024,
    },
    {
      name: `download of the ${int(str.size / MiB)} MiB string`,
      value: `${secs(dlMs)} (${ratio(dlMs / loopMs)} a bare GETRANGE loop)`,
      target: "every byte, same SHA-1",
      pass: downloadOk,
      error: true,
    },
    {
      name: "download's `content-length`",
      value:
        check.contentLength === null
          ? `none, ${check.transferEncoding ?? "no transfer-encoding"} (the route sets it)`
          : check.contentLength === str.size
            ? "right"
            : `WRONG: ${int(check.contentLength)}`,
    },
    {
      name: "server RSS growth during the download",
      value: `+${mib(Math.max(0, dlGrowthKiB))} (peak ${mib(dlPeakKiB)})`,
      target: "streams: < 50 MiB",
      pass: dlGrowthKiB < 50 * 1024,
    },
  );
  if (browser.error) {
    checks.push({ name: "browser JS heap", value: `not measured: ${browser.error}` });
  } else {
    for (const b of browser.fresh) {
      checks.push({
        name: `browser JS heap, ${b.spec.type} open (fresh tab)`,
        value: `${heapMiB(b.used)} (shown in ${ms1(b.ms)})`,
      });
    }
    const last = browser.sameTab.at(-1);
    if (last) {
      checks.push({
        name: "browser JS heap, all four opened in one tab",
        value: `${heapMiB(last.used)} (${heapMiB(last.kept)} after GC)`,
      });
    }
  }

  const status = (c) => (c.pass === undefined ? "" : c.pass ? "PASS" : c.error ? "FAIL" : "MISS");
  const md = [];
  md.push("## Big values: `GET …/key/value`, `GET …/key`, `GET …/key/download`, and the browser");
  md.push("");
  md.push(runInfoLine(ctx, build, redisVersion));
  md.push("");
  md.push(
    `Data, seeded by the section in ${secs(seedMs)} with pipelined batches (1,000 elements per command; the string by \`APPEND\` of 1 MiB chunks): ${specs.map((s, i) => `\`${s.key}\` ${sizeText(s)} (${encodings[i]})`).join(", ")}; Redis \`used_memory\` ${mib(usedMemory / 1024)}.${VALUES_SCALE === 1 ? "" : ` **Scaled by BENCH_VALUES_SCALE=${VALUES_SCALE}.**`}`,
  );
  md.push("");
  md.push("| Measure | Result | Target | |");
  md.push("|---|---|---|---|");
  for (const c of checks) md.push(`| ${c.name} | ${c.value} | ${c.target ?? ""} | ${status(c)} |`);
  md.push("");
  md.push(
    `First pages with the API's default page sizes, ${VALUE_SAMPLES} requests each after ${VALUE_WARMUPS} warm-ups, every measure of a round in turn (the order rotating), so all of them saw the same noise. The floor under every request, \`GET /api/health\`, had p50 ${ms1(healthP50)} (p95 ${ms1(p("health", 95))}) in the same rounds. The baseline is the least a bare ioredis client could do for the same page (one command, no HTTP, no JSON).`,
  );
  md.push("");
  md.push(
    "| Key | First page p50 / p95 | Details p50 / p95 | Bare command | its p50 | × bare | Page: elements, JSON bytes |",
  );
  md.push("|---|---|---|---|---|---|---|");
  for (const s of specs) {
    const t = s.type;
    const f = firstPages[t];
    md.push(
      `| ${t}, ${sizeText(s)} | ${ms1(p(`value:${t}`, 50))} / ${ms1(p(`value:${t}`, 95))} | ${ms1(p(`details:${t}`, 50))} / ${ms1(p(`details:${t}`, 95))} | \`${BASELINE_COMMAND[t](s.key).slice(0, 1).concat(BASELINE_COMMAND[t](s.key).slice(2)).join(" ")}\` | ${ms1(p(`base:${t}`, 50))} | ${ratio(p(`value:${t}`, 50) / p(`base:${t}`, 50))} | ${int(f.shown)}${t === "string" ? " bytes" : ""}, ${int(f.bytes)} |`,
    );
  }
  md.push("");
  md.push(
    `Where the time goes: per request, what Redis ran (\`INFO commandstats\` over ${REPS} requests; Redis time excludes \`EXEC\`, which also counts the commands inside it) and the CPU time of Keyscope's process (from \`/proc\`, 10 ms ticks spread over ${REPS} requests).`,
  );
  md.push("");
  md.push("| Request | Redis commands | Redis time | Keyscope CPU |");
  md.push("|---|---|---|---|");
  const us = (x) => (x >= 1000 ? ms1(x / 1000) : `${x.toFixed(0)} µs`);
  for (const s of specs) {
    for (const [kind, label] of [
      ["value", `${s.type} first page`],
      ["details", `${s.type} key details`],
      ["base", `${s.type} bare ${BASELINE_COMMAND[s.type](s.key)[0]}`],
    ]) {
      const w = work[s.type][kind];
      md.push(
        `| ${label} | ${w.commands.join(", ")} | ${us(w.redisUs)} | ${w.appCpuMs === null ? "–" : ms1(w.appCpuMs)} |`,
      );
    }
  }
  md.push("");
  md.push(
    `Download: \`GET …/key/download?key=${str.key}\` (${int(str.size)} bytes) read to the end and thrown away, median of ${DOWNLOAD_RUNS} runs ${secs(dlMs)} (${(str.size / MiB / (dlMs / 1000)).toFixed(0)} MiB/s; runs ${downloads.map((d) => secs(d.ms)).join(", ")}), against ${secs(loopMs)} for a bare ioredis loop of 1 MiB \`GETRANGE\`s (${ratio(dlMs / loopMs)}). A first, untimed download was checked byte for byte (length and SHA-1 against what was seeded): ${downloadOk ? "identical" : "**DIFFERENT**"}; ${check.contentLength === null ? `the response came without \`content-length\`${check.transferEncoding ? ` (\`transfer-encoding: ${check.transferEncoding}\`)` : ""}, although the route sets one: Next 16's \`sendResponse\` drops \`content-length\` from every route handler's response, so a browser shows no total size or progress for the download` : `\`content-length\` ${check.contentLength === str.size ? "was right" : `was **${int(check.contentLength)}**`}`}. Keyscope's RSS, sampled every 20 ms: ${downloads.map((d) => `${mib(d.before)} → peak ${mib(d.peak)}`).join("; ")}.`,
  );
  md.push("");
  if (browser.error) {
    md.push(`Browser: not measured (${browser.error}).`);
  } else {
    md.push(
      `Browser: ${browser.version} (headless, \`${CHROMIUM}\`, \`--enable-precise-memory-info\`), 1440×900. \`performance.memory.usedJSHeapSize\` as soon as the value shows (the key's details with its viewer, a row or the string's text, and no "Loading" anywhere in the panel), then again after a full GC (\`HeapProfiler.collectGarbage\`), which is what the page keeps. Time from the click or navigation to that moment. The key browser alone, no key open: ${heapText(browser.empty)}, shown in ${ms1(browser.empty.ms)}.`,
    );
    md.push("");
    md.push(
      "| Key | One tab: how opened | shown in | JS heap (after GC) | Fresh tab at `/c/default/db/0?key=…`: shown in | JS heap (after GC) |",
    );
    md.push("|---|---|---|---|---|---|");
    for (const s of specs) {
      const a = browser.sameTab.find((b) => b.spec === s);
      const b = browser.fresh.find((x) => x.spec === s);
      md.push(
        `| ${s.type}, ${sizeText(s)} | ${a?.how ?? "–"} | ${a ? ms1(a.ms) : "–"} | ${a ? heapText(a) : "–"} | ${b ? ms1(b.ms) : "–"} | ${b ? heapText(b) : "–"} |`,
      );
    }
    md.push("");
    md.push(
      "What the page waited for between the click (or navigation) and the content: its requests to Keyscope that finished meanwhile (static assets left out), each with its duration and, in brackets, when it started, in ms after the click:",
    );
    md.push("");
    for (const a of browser.sameTab) md.push(`- one tab, ${a.spec.type}: ${a.requests || "none"}`);
    for (const b of browser.fresh) md.push(`- fresh tab, ${b.spec.type}: ${b.requests || "none"}`);
  }
  md.push("");
  md.push(
    `Keyscope's RSS (${serverPids.map((pid) => (pid === app.pid ? `scripts/start.mjs pid ${pid}` : `pid ${pid}`)).join(", ")}): ${mib(rssStartKiB)} after start-up, ${mib(rssAfterPagesKiB)} after the first pages, ${mib(rssKiB)} at the end, after the downloads and the browser (peak ${mib(hwmKiB)}). The whole section took ${secs(Date.now() - started)}; load average at the end ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}.`,
  );
  return { markdown: md.join("\n"), checks };
}

// =================================================================================================
// Section "bulk": scripts/bench-bulk.mjs (bulk delete by pattern against redis-cli | xargs and a
// bare ioredis loop) against a throwaway Redis and Keyscope started the usual way.
// =================================================================================================

async function bulkSection(ctx) {
  const started = Date.now();
  const file = join(root, "scripts", "bench-bulk.mjs");
  if (!existsSync(file)) throw new Error("scripts/bench-bulk.mjs does not exist (yet)");
  const { benchBulk } = await import("./bench-bulk.mjs");
  if (typeof benchBulk !== "function")
    throw new Error("scripts/bench-bulk.mjs exports no benchBulk");
  const build = await ctx.ensureBuild();
  const redis = await ctx.startRedis();
  const admin = ctx.redisClient(redis.port);
  const redisVersion = /redis_version:(\S+)/.exec(await admin.info("server"))?.[1] ?? "?";
  const app = await ctx.startKeyscope(redis.url);
  const runs = positiveInt("BENCH_BULK_RUNS", ctx.runs);
  const result = await benchBulk({
    redisUrl: redis.url,
    baseUrl: app.base,
    port: redis.port,
    log: (...a) => log(...a),
    runs,
  });
  const serverPids = app.serverPids();
  const rssKiB = rssOf(serverPids);
  const hwmKiB = hwmOf(serverPids);
  const checks = [
    ...result.checks,
    { name: "Keyscope server RSS after the runs", value: `${mib(rssKiB)} (peak ${mib(hwmKiB)})` },
  ];
  // Its Markdown with the run's particulars after the heading, and the table in the bench's style.
  const lines = String(result.markdown ?? "").split("\n");
  const heading = lines[0]?.startsWith("## ")
    ? lines.shift()
    : "## Bulk delete by pattern: `POST /api/connections/{conn}/db/{db}/bulk`";
  const tableAt = lines.findIndex((l) => l.startsWith("| Measure"));
  const prose = (tableAt >= 0 ? lines.slice(0, tableAt) : lines).join("\n").trim();
  const status = (c) => (c.pass === undefined ? "" : c.pass ? "PASS" : c.error ? "FAIL" : "MISS");
  const md = [heading, "", runInfoLine(ctx, build, redisVersion), ""];
  md.push("| Measure | Result | Target | |");
  md.push("|---|---|---|---|");
  for (const c of checks) {
    md.push(`| ${c.name.replaceAll("|", "\\|")} | ${c.value} | ${c.target ?? ""} | ${status(c)} |`);
  }
  md.push("");
  if (prose) md.push(prose, "");
  md.push(
    `Measured by \`scripts/bench-bulk.mjs\` (${runs} run(s) of each, BENCH_BULK_RUNS) against a throwaway redis-server and Keyscope started by \`scripts/bench.mjs\`. The whole section took ${secs(Date.now() - started)}; load average at the end ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}.`,
  );
  return { markdown: md.join("\n"), checks };
}

// --- run -------------------------------------------------------------------------------------------

const overall = setTimeout(() => {
  console.error(`bench: gave up after BENCH_TIMEOUT_S=${TIMEOUT_S} s`);
  cleanup().finally(() => process.exit(1));
}, TIMEOUT_S * 1000);
overall.unref();

try {
  await main();
} catch (e) {
  console.error(`bench: ${e.stack ?? e}`);
  process.exitCode = 1;
} finally {
  await cleanup();
  clearTimeout(overall);
}
