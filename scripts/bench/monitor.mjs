// Section "monitor": what the profiler costs Redis and what it costs Keyscope and the browser.
// In one run on a throwaway redis-server: redis-benchmark at full speed for BENCH_MONITOR_SECONDS
// (default 10) without the profiler, then the same with the profiler page open in headless
// Chromium (Playwright, Debian's /usr/bin/chromium, never a downloaded one). Redis's throughput
// is read from INFO's total_commands_processed over the window (redis-benchmark, killed at the
// end of the window, prints nothing then), so both runs are measured the same way.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../lib/chromium.mjs";
import {
  checksTable,
  int,
  log,
  mib,
  onCleanup,
  positiveInt,
  ratio,
  runInfoLine,
  secs,
  sleep,
} from "./util.mjs";
import { rssSampler } from "./values-data.mjs";

const SECONDS = positiveInt("BENCH_MONITOR_SECONDS", 10);
const WARMUP_MS = 1500;
const RSS_TARGET_MIB = 300;
const LONG_TASK_TARGET_MS = 200;

/** @param {import("ioredis").Redis} admin */
async function commandsProcessed(admin) {
  const info = await admin.info("stats");
  return Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? 0);
}

/**
 * One sample of Redis: commands run so far, and the MONITOR connection's unsent output (null
 * while no MONITOR connection is open).
 * @param {import("ioredis").Redis} admin
 */
async function sample(admin) {
  const [cmds, list] = await Promise.all([
    commandsProcessed(admin),
    admin.client("LIST").then(String, () => ""),
  ]);
  const line = list.split("\n").find((l) => l.includes("name=keyscope-monitor"));
  const omem = line ? Number(/\bomem=(\d+)/.exec(line)?.[1] ?? 0) : null;
  return { t: performance.now(), cmds, omem };
}

/**
 * redis-benchmark for SECONDS after a warm-up, Redis sampled every 250 ms: its commands/s over
 * the window, and over the part of it a MONITOR connection was open (the run may be ended
 * early by Keyscope's backlog guard; Redis's pace after that is not "with the profiler").
 * @param {number} port
 * @param {import("ioredis").Redis} admin
 * @param {() => Promise<void>} [atStart] called when the timed window opens
 */
async function benchmarkWindow(port, admin, atStart) {
  const args = [
    "-p",
    String(port),
    "-t",
    "set,get",
    "-n",
    "100000000",
    "-P",
    "16",
    "-c",
    "50",
    "-q",
  ];
  const child = spawn("redis-benchmark", args, { stdio: "ignore" });
  onCleanup(() => child.exitCode === null && child.kill("SIGKILL"));
  await sleep(WARMUP_MS);
  await atStart?.();
  const samples = [await sample(admin)];
  const end = performance.now() + SECONDS * 1000;
  while (performance.now() < end) {
    await sleep(250);
    samples.push(await sample(admin));
  }
  child.kill("SIGKILL");
  await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
  const first = /** @type {Sample} */ (samples[0]);
  const last = /** @type {Sample} */ (samples.at(-1));
  let monitoredMs = 0;
  let monitoredCmds = 0;
  let peakOmem = 0;
  for (let i = 1; i < samples.length; i++) {
    const a = /** @type {Sample} */ (samples[i - 1]);
    const b = /** @type {Sample} */ (samples[i]);
    if (b.omem !== null) peakOmem = Math.max(peakOmem, b.omem);
    if (a.omem === null || b.omem === null) continue;
    monitoredMs += b.t - a.t;
    monitoredCmds += b.cmds - a.cmds;
  }
  const seconds = (last.t - first.t) / 1000;
  return {
    opsPerSecond: (last.cmds - first.cmds) / seconds,
    seconds,
    monitoredSeconds: monitoredMs / 1000,
    opsWhileMonitored: monitoredMs > 0 ? monitoredCmds / (monitoredMs / 1000) : 0,
    peakOmem,
    command: `redis-benchmark ${args.join(" ")}`,
  };
}
/** @typedef {Awaited<ReturnType<typeof sample>>} Sample */

/** @param {import("@playwright/test").Page} page @param {string} id */
async function counter(page, id) {
  const text = (await page.getByTestId(id).textContent()) ?? "";
  return Number(text.replaceAll(",", ""));
}

/**
 * @param {import("./servers.mjs").BenchContext} ctx
 * @returns {Promise<import("./util.mjs").SectionResult>}
 */
export async function monitorSection(ctx) {
  const started = Date.now();
  const build = await ctx.ensureBuild();
  const redis = await ctx.startRedis();
  const admin = ctx.redisClient(redis.port);
  const redisVersion = /redis_version:(\S+)/.exec(await admin.info("server"))?.[1] ?? "?";
  const app = await ctx.startKeyscope(redis.url);

  log(`monitor: redis-benchmark for ${SECONDS} s without the profiler…`);
  const without = await benchmarkWindow(redis.port, admin);
  log(`monitor: ${int(without.opsPerSecond)} commands/s without the profiler`);

  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing`);
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  onCleanup(() => browser.close().catch(() => {}));
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // Long tasks of the page's main thread, from the moment it loads.
  await page.addInitScript(() => {
    /** @type {number[]} */
    const tasks = [];
    Object.assign(window, { __benchLongTasks: tasks });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push(e.duration);
    }).observe({ type: "longtask", buffered: true });
  });
  await page.goto(`${app.base}/c/default/profiler`);
  await page.getByLabel("Duration").selectOption("60");
  await page.getByTestId("profiler-toggle").click();
  await page.getByText("live", { exact: true }).waitFor({ timeout: 30_000 });
  const runStarted = performance.now();
  const rss = rssSampler(() => app.serverPids(), 100);
  /** @type {number} */
  let receivedAtStart = 0;
  log(`monitor: redis-benchmark for ${SECONDS} s with the profiler open in Chromium…`);
  const withProfiler = await benchmarkWindow(redis.port, admin, async () => {
    receivedAtStart = await counter(page, "received");
    // Long tasks of the window only (loading the page and starting the run are not streaming).
    await page.evaluate(() => {
      /** @type {any} */ (window).__benchLongTasks.length = 0;
    });
  });
  const receivedAtEnd = await counter(page, "received");
  await sleep(1200); // the next stats event carries the server's drops up to the window's end
  const droppedByServer = await counter(page, "dropped-server");
  const runSeconds = (performance.now() - runStarted) / 1000;
  const droppedByCap = await counter(page, "dropped-cap");
  const peakOmem = withProfiler.peakOmem;
  const peakKiB = rss.stop();
  const endedEarly = await page.getByText("could not keep up").count();
  const longTasks = /** @type {number[]} */ (
    await page.evaluate(() => /** @type {any} */ (window).__benchLongTasks)
  );
  if (await page.getByText("live", { exact: true }).count())
    await page.getByTestId("profiler-toggle").click();
  await browser.close();
  // Without again: the machine is shared, so the baseline is the mean of one window before and
  // one after.
  log(`monitor: redis-benchmark for ${SECONDS} s without the profiler, again…`);
  const withoutAfter = await benchmarkWindow(redis.port, admin);
  const baseline = (without.opsPerSecond + withoutAfter.opsPerSecond) / 2;
  // The least work that watches every command: redis-cli's MONITOR into /dev/null. What Redis
  // loses to that is MONITOR's own cost (Redis formats and writes every command to the
  // monitor); what it loses beyond that with the profiler is Keyscope's.
  log(`monitor: redis-benchmark for ${SECONDS} s with redis-cli MONITOR > /dev/null…`);
  /** @type {import("node:child_process").ChildProcess | undefined} */
  let cli;
  const withCli = await benchmarkWindow(redis.port, admin, async () => {
    const monitor = spawn("redis-cli", ["-p", String(redis.port), "monitor"], { stdio: "ignore" });
    cli = monitor;
    onCleanup(() => monitor.exitCode === null && monitor.kill("SIGKILL"));
    await sleep(200);
  });
  cli?.kill("SIGKILL");
  const cliThroughput = withCli.opsPerSecond / baseline;

  // Lines flow only while MONITOR runs: per second of that.
  const deliveredPerSecond =
    (receivedAtEnd - receivedAtStart) / (withProfiler.monitoredSeconds || withProfiler.seconds);
  const worstTask = longTasks.length ? Math.max(...longTasks) : 0;
  const throughput = withProfiler.opsWhileMonitored / baseline;
  log(
    `monitor: ${int(withProfiler.opsWhileMonitored)} commands/s with it (${ratio(throughput)}), ${int(deliveredPerSecond)} lines/s delivered`,
  );

  /** @type {import("./util.mjs").Check[]} */
  const checks = [
    {
      name: "Redis commands/s without the profiler (before; after)",
      value: `${int(without.opsPerSecond)}; ${int(withoutAfter.opsPerSecond)}`,
    },
    {
      name: "Redis commands/s while MONITOR ran",
      value: `${int(withProfiler.opsWhileMonitored)} (for ${withProfiler.monitoredSeconds.toFixed(1)} of ${withProfiler.seconds.toFixed(1)} s)`,
    },
    { name: "Throughput with / without (mean of both)", value: ratio(throughput) },
    {
      name: "Redis commands/s with `redis-cli monitor > /dev/null` instead (baseline)",
      value: `${int(withCli.opsPerSecond)} (${ratio(cliThroughput)} of without)`,
    },
    {
      name: "Throughput with the profiler / with redis-cli's MONITOR",
      value: ratio(withProfiler.opsWhileMonitored / withCli.opsPerSecond),
    },
    { name: "Lines delivered to the page per second", value: int(deliveredPerSecond) },
    {
      // Everything the filters let through was read, parsed and counted, sent or not.
      name: "Lines Keyscope read per second (sent or counted; whole run)",
      value: int((receivedAtEnd + droppedByServer) / runSeconds),
    },
    {
      name: "Lines not sent by the server (over 5,000/s or browser behind)",
      value: int(droppedByServer),
    },
    { name: "Lines dropped by the page's 10,000-line cap", value: int(droppedByCap) },
    {
      name: "MONITOR output Redis held for Keyscope (peak)",
      value: `${(peakOmem / 1048576).toFixed(1)} MiB${endedEarly ? " (run ended by the 32 MiB guard)" : ""}`,
    },
    {
      name: "Keyscope peak RSS with the profiler open",
      value: mib(peakKiB),
      target: `< ${RSS_TARGET_MIB} MiB`,
      pass: peakKiB / 1024 < RSS_TARGET_MIB,
    },
    {
      name: "Browser long tasks (longest)",
      value: `${longTasks.length} (${worstTask.toFixed(0)} ms)`,
      target: `none over ${LONG_TASK_TARGET_MS} ms`,
      pass: worstTask <= LONG_TASK_TARGET_MS,
    },
  ];
  const md = [
    "## Profiler: what MONITOR costs (`GET /api/connections/{conn}/monitor`)",
    "",
    runInfoLine(ctx, build, redisVersion),
    "",
    ...checksTable(checks),
    "",
    `Load: \`${without.command}\` for ${SECONDS} s (BENCH_MONITOR_SECONDS) after a ${secs(WARMUP_MS)} warm-up, alone, then with \`/c/default/profiler\` running (no filters: every line goes to the page) in headless Chromium, then alone again, then with \`redis-cli monitor\` writing to /dev/null (the least work that reads every line: the baseline for MONITOR's own cost); Redis's commands/s from INFO \`total_commands_processed\` sampled every 250 ms, "while MONITOR ran" counting only the samples with the keyscope-monitor connection open (with -n that large redis-benchmark runs SET the whole time). Lines delivered are counted by the page; drops are the server's \`dropped\` (past 5,000 lines a second, or its 1 MiB unread buffer full) and the page's cap; lines Keyscope has not read yet wait in Redis's output buffer for the MONITOR connection (CLIENT LIST \`omem\`, sampled every 250 ms), which Keyscope caps at 32 MiB by ending the run. RSS is the summed VmRSS of Keyscope's server processes sampled every 100 ms; long tasks from a PerformanceObserver('longtask') in the page, during the window. Redis, Keyscope, redis-benchmark and Chromium share the machine's cores, so the ratio also shows that competition. The whole section took ${secs(Date.now() - started)}; load average at the end ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}.`,
  ];
  return { markdown: md.join("\n"), checks };
}
