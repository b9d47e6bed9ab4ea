// What every bench section shares: its knobs, statistics and formats, the cleanup registry, and
// /proc readings (process trees, RSS, CPU time).
import { spawn, spawnSync } from "node:child_process";
import { createReadStream, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * One line of a section's results; `pass` undefined means "no target", `error` a failure that is
 * not just a missed target.
 * @typedef {{ name: string, value: string, target?: string, pass?: boolean, error?: boolean }} Check
 * @typedef {{ markdown: string, checks: Check[] }} SectionResult
 * @typedef {{ date: string, command: string, node: string, next: string, ioredis: string,
 *   nproc: string, git: string, cpu: string, loadavg: string[] }} MachineInfo
 * @typedef {{ ppid: number, comm: string, cpuMs: number }} ProcInfo
 */

// --- small helpers ---------------------------------------------------------------------------

// The bench's knobs (BENCH_*, documented in docs/benchmarks.md) are read by name through these.

/**
 * @param {string} name
 * @param {number} fallback
 */
export function positiveInt(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`);
  return n;
}

/**
 * @param {string} name
 * @param {number} fallback
 */
export function positiveNumber(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
  return n;
}

/** @param {unknown[]} args */
export function log(...args) {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);
}

/** @param {number} ms @returns {Promise<void>} */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** @param {number[]} xs */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (/** @type {number} */ i) => s[i] ?? Number.NaN;
  const m = s.length >> 1;
  return s.length % 2 ? at(m) : (at(m - 1) + at(m)) / 2;
}

/**
 * Nearest-rank percentile.
 * @param {number[]} xs
 * @param {number} p
 */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? Number.NaN;
}

/** @typedef {(n: number) => string} Format */
/** @type {Format} */
export const int = (n) => Math.round(n).toLocaleString("en-US");
/** @type {Format} */
export const ms1 = (n) => `${n.toFixed(1)} ms`;
/** @type {Format} */
export const secs = (ms) =>
  ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`;
/** @type {Format} */
export const ratio = (x) => `${x.toFixed(2)}×`;
/** @type {Format} */
export const mib = (kib) => `${(kib / 1024).toFixed(0)} MiB`;

/**
 * Throws once `deadline` (a Date.now() value) has passed; every loop below calls it.
 * @param {number} deadline
 * @param {string} what
 */
export function checkDeadline(deadline, what) {
  if (Date.now() > deadline) throw new Error(`${what} did not finish in time`);
}

/**
 * The line every section's Markdown starts with: when, how, on what.
 * @param {import("./servers.mjs").BenchContext} ctx
 * @param {import("./build.mjs").BuildInfo} build
 * @param {string} redisVersion
 */
export function runInfoLine(ctx, build, redisVersion) {
  const info = ctx.info;
  const buildText = build.built
    ? `built in ${secs(build.ms ?? 0)} for this run`
    : build.newerSources.length
      ? `existing, older than ${build.newerSources.length} changed source files`
      : "existing, up to date with the sources";
  return `Run ${info.date} with \`${info.command}\`: Node ${info.node}, Redis ${redisVersion}, Next ${info.next}, ioredis ${info.ioredis}, \`nproc\` ${info.nproc} (${info.cpu}), load average at start ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}. Tree ${info.git}; build ${build.id} (${buildText}).`;
}

// --- cleanup: everything started registers how to stop it --------------------------------------

/** @type {(() => unknown)[]} */
const cleanups = [];
/** @type {Promise<void> | null} */
let cleaningUp = null;

/** @param {() => unknown} fn */
export function onCleanup(fn) {
  cleanups.push(fn);
}

/** Runs every registered cleanup, newest first; calls during a run share it. */
export function cleanup() {
  cleaningUp ??= (async () => {
    while (cleanups.length) {
      const fn = cleanups.pop();
      try {
        await fn?.();
      } catch (e) {
        console.error(`bench: cleanup step failed: ${/** @type {Error} */ (e).message}`);
      }
    }
    cleaningUp = null; // the next section registers its own
  })();
  return cleaningUp;
}

/** Ctrl-C or a kill stops what the bench started; called by the entry point, not on import. */
export function cleanupOnSignals() {
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.once(sig, () => {
      console.error(`\nbench: ${sig}, stopping the servers it started…`);
      cleanup().finally(() => process.exit(130));
    });
  }
}

// --- /proc: process trees, RSS and CPU time ----------------------------------------------------

const CLK_TCK = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout) || 100;

/**
 * pid → { ppid, comm, cpuMs } for every process we can read.
 * @returns {Map<number, ProcInfo>}
 */
export function procTable() {
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

/**
 * `pid` and all its descendants that are alive now.
 * @param {number} pid
 */
export function processTree(pid, table = procTable()) {
  /** @type {number[]} */
  const out = [];
  const todo = [pid];
  while (todo.length) {
    const p = /** @type {number} */ (todo.pop());
    if (!table.has(p)) continue;
    out.push(p);
    for (const [child, info] of table) if (info.ppid === p) todo.push(child);
  }
  return out;
}

/**
 * @param {number} pid
 * @param {string} field
 */
export function statusKiB(pid, field) {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(
      readFileSync(`/proc/${pid}/status`, "utf8"),
    );
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** @param {number[]} pids */
export function cpuMsOf(pids, table = procTable()) {
  return pids.reduce((sum, p) => sum + (table.get(p)?.cpuMs ?? 0), 0);
}

/**
 * A section's checks as the Markdown table of docs/benchmarks.md (PASS, MISS, or FAIL for a
 * check that could not be measured).
 * @param {Check[]} checks
 */
export function checksTable(checks) {
  /** @param {Check} c */
  const status = (c) => (c.pass === undefined ? "" : c.pass ? "PASS" : c.error ? "FAIL" : "MISS");
  return [
    "| Measure | Result | Target | |",
    "|---|---|---|---|",
    ...checks.map((c) => `| ${c.name} | ${c.value} | ${c.target ?? ""} | ${status(c)} |`),
  ];
}

/**
 * `redis-cli <args>` run to its end with its output discarded (its stdin read from the file
 * `input` when given): the wall time in ms, or an error when it exits non-zero.
 * @param {string[]} args @param {string} [input] @returns {Promise<number>}
 */
export function timedRedisCli(args, input) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn("redis-cli", args, {
      stdio: [input ? "pipe" : "ignore", "ignore", input ? "inherit" : "ignore"],
    });
    if (input && child.stdin) createReadStream(input).pipe(child.stdin);
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(performance.now() - t) : reject(new Error(`redis-cli exited ${code}`)),
    );
  });
}
