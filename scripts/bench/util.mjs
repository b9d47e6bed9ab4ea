import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

// --- small helpers ---------------------------------------------------------------------------

export function positiveInt(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`);
  return n;
}

export function positiveNumber(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
  return n;
}

export function log(...args) {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile. */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const int = (n) => Math.round(n).toLocaleString("en-US");
export const ms1 = (n) => `${n.toFixed(1)} ms`;
export const secs = (ms) =>
  ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`;
export const ratio = (x) => `${x.toFixed(2)}×`;
export const mib = (kib) => `${(kib / 1024).toFixed(0)} MiB`;

/** Throws once `deadline` (a Date.now() value) has passed; every loop below calls it. */
export function checkDeadline(deadline, what) {
  if (Date.now() > deadline) throw new Error(`${what} did not finish in time`);
}

// --- cleanup: everything started registers how to stop it --------------------------------------

export const cleanups = [];
/** @type {Promise<void> | null} */
let cleaningUp = null;

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

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.once(sig, () => {
    console.error(`\nbench: ${sig}, stopping the servers it started…`);
    cleanup().finally(() => process.exit(130));
  });
}

// --- /proc: process trees, RSS and CPU time ----------------------------------------------------

export const CLK_TCK =
  Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout) || 100;

/** pid → { ppid, comm, cpuMs } for every process we can read. */
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

/** `pid` and all its descendants that are alive now. */
export function processTree(pid, table = procTable()) {
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

export function cpuMsOf(pids, table = procTable()) {
  return pids.reduce((sum, p) => sum + (table.get(p)?.cpuMs ?? 0), 0);
}
