// `npm run bench`: measures Keyscope against a throwaway redis-server it seeds itself, and writes
// the figures into docs/benchmarks.md. The machine this runs on is shared and noisy, so every
// figure that has a target is either a latency percentile or a ratio against a baseline measured
// in the same run, on the same data, interleaved with it.
//
// Sections are registered in `sections` below, one file each under scripts/bench/ (keys.mjs,
// values.mjs, bulk.mjs, their helpers beside them); each one starts what it needs through
// `ctx`, returns Markdown for its own block of docs/benchmarks.md (between
// `<!-- bench:<name>:start -->` and `<!-- bench:<name>:end -->`) and a list of checks.
//
// Environment:
//   BENCH_KEYS=100000    keys to seed (default 1,000,000)
//   BENCH_KEYS_SMALL=200000  the smaller keyspace the "keys" walks are also timed at (default 200,000)
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
//   BENCH_LOAD_SECONDS=10  length of each timed autocannon run of the "load" section
//   BENCH_MONITOR_SECONDS=10  length of each redis-benchmark window of the "monitor" section
//   BENCH_ANALYSIS_KEYS=1000000  mixed keys the "analysis" section seeds
//   BENCH_TRANSFER_KEYS=1000000  small keys the "transfer" section exports (and imports)
//   BENCH_CLUSTER_KEYS=1000000  keys the "cluster" section walks (BENCH_CLUSTER_BULK_KEYS: 300000 deleted)
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { analysisSection } from "./bench/analysis.mjs";
import { ensureBuild, gitDescription } from "./bench/build.mjs";
import { bulkSection } from "./bench/bulk.mjs";
import { clusterSection } from "./bench/cluster.mjs";
import { decodeSection } from "./bench/decode.mjs";
import { keysSection } from "./bench/keys.mjs";
import { loadSection } from "./bench/load.mjs";
import { monitorSection } from "./bench/monitor.mjs";
import { redisClient, startKeyscope, startThrowawayRedis } from "./bench/servers.mjs";
import { transferSection } from "./bench/transfer.mjs";
import { cleanup, cleanupOnSignals, log, positiveInt } from "./bench/util.mjs";
import { valuesSection } from "./bench/values.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

const KEYS = positiveInt("BENCH_KEYS", 1_000_000);
const RUNS = positiveInt("BENCH_RUNS", 3);
const TIMEOUT_S = positiveInt("BENCH_TIMEOUT_S", 1800);
const STRICT = process.env.BENCH_STRICT === "1";
const OUT = process.env.BENCH_OUT || join(root, "docs", "benchmarks.md");
const ONLY = (process.env.BENCH_ONLY || "")
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);

/**
 * @typedef {import("./bench/servers.mjs").BenchContext} BenchContext
 * @typedef {import("./bench/util.mjs").SectionResult} SectionResult
 * @type {{ name: string, title: string, run: (ctx: BenchContext) => Promise<SectionResult> }[]}
 */
const sections = [
  { name: "keys", title: "Key browsing (`GET …/keys`)", run: keysSection },
  {
    name: "values",
    title: "Big values (`GET …/key/value`, download, browser heap)",
    run: valuesSection,
  },
  { name: "bulk", title: "Bulk delete by pattern (`POST …/bulk`)", run: bulkSection },
  { name: "load", title: "API under load (50 clients browsing; `/api/health`)", run: loadSection },
  {
    name: "monitor",
    title: "Profiler: Redis with MONITOR open, and its cost",
    run: monitorSection,
  },
  {
    name: "analysis",
    title: "Memory analysis against redis-cli --memkeys",
    run: analysisSection,
  },
  { name: "decode", title: "Decoding values (`decode=1`)", run: decodeSection },
  { name: "transfer", title: "Export and import of keys", run: transferSection },
  { name: "cluster", title: "Redis Cluster: walk and bulk delete", run: clusterSection },
];

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

/** @returns {import("./bench/util.mjs").MachineInfo} */
function machineInfo() {
  const nproc = spawnSync("nproc", { encoding: "utf8" }).stdout.trim() || String(os.cpus().length);
  /** @param {string} dir @returns {string} */
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

Other knobs: \`BENCH_RUNS\` (timed runs per measure, default 3), \`BENCH_KEYS_SMALL\` (the smaller
keyspace the key walks are also timed at, default 200,000), \`BENCH_OUT\` (where to write,
\`-\` for nowhere), \`BENCH_TIMEOUT_S\` (default 1800), \`BENCH_STRICT=1\` (exit 1 on a missed
target), \`BENCH_VALUES_BROWSER=0\` (skip the browser part of \`values\`, which needs
\`@playwright/test\` and \`/usr/bin/chromium\`; it never downloads a browser), \`BENCH_BULK_KEYS\`,
\`BENCH_BULK_RUNS\` (default \`BENCH_RUNS\`) and \`BENCH_BULK_COUNT\` (passed to \`scripts/bench-bulk.mjs\`).
Needs \`redis-server\` and \`redis-cli\` on the PATH. Each section below is rewritten in
place by its own run, between its \`<!-- bench:<name>:start/end -->\` markers; the rest of this
file is left alone, so new sections can be added as a file under \`scripts/bench/\` registered
in \`sections\` in \`scripts/bench.mjs\`.
`;

/**
 * @param {string} file
 * @param {string} name
 * @param {string} markdown
 */
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
    /** @type {BenchContext} */
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

// --- run -------------------------------------------------------------------------------------------

cleanupOnSignals();
const overall = setTimeout(() => {
  console.error(`bench: gave up after BENCH_TIMEOUT_S=${TIMEOUT_S} s`);
  cleanup().finally(() => process.exit(1));
}, TIMEOUT_S * 1000);
overall.unref();

try {
  await main();
} catch (e) {
  console.error(`bench: ${e instanceof Error ? e.stack : e}`);
  process.exitCode = 1;
} finally {
  await cleanup();
  clearTimeout(overall);
}
