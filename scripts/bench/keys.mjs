import { spawnSync } from "node:child_process";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { best, smallChecks, walksAt } from "./keys-sizes.mjs";
import {
  commandStats,
  redisCliWalk,
  scanScript,
  seed,
  walkApi,
  walkIoredis,
  walkLua,
} from "./keys-walks.mjs";
import { getJson } from "./servers.mjs";
import {
  checkDeadline,
  checksTable,
  cpuMsOf,
  int,
  log,
  median,
  mib,
  ms1,
  percentile,
  positiveInt,
  procTable,
  ratio,
  secs,
  statusKiB,
} from "./util.mjs";

/**
 * @typedef {{ ms: number, seen: number | undefined, redisCpu: number, appCpu: number,
 *   benchCpu: number, redisCmdMs: number, totalCpu: number }} Sample
 * @typedef {{ id: string, label: string, run: (deadline: number) => Promise<{ seen?: number }>,
 *   cpu?: boolean, samples: Sample[] }} Measure
 * @typedef {{ seen: number, requests: number, dbsize: number, shapeOk: boolean, unique: number,
 *   ms: number, duplicates: number }} Verify
 * @typedef {{ id: string, label: string, query: string, verify?: Verify }} ApiWalk
 */

/**
 * Section "keys": seeding, SCAN walks through the API and without it, first-page latency, RSS.
 * @param {import("./servers.mjs").BenchContext} ctx
 * @returns {Promise<import("./util.mjs").SectionResult>}
 */
export async function keysSection(ctx) {
  const n = ctx.keys;
  const started = Date.now();
  const build = await ctx.ensureBuild(); // first: a failed build should not cost a seeding
  const redis = await ctx.startRedis();
  const admin = ctx.redisClient(redis.port);
  const redisVersion = /redis_version:(\S+)/.exec(await admin.info("server"))?.[1] ?? "?";
  const cliVersion = spawnSync("redis-cli", ["--version"], { encoding: "utf8" }).stdout.trim();
  const cliHelp = spawnSync("redis-cli", ["--help"], { encoding: "utf8" });
  const cliHasCount = /--count\b/.test(`${cliHelp.stdout}${cliHelp.stderr}`);

  // The walks are timed at two sizes (issue 9 asks for both): a smaller keyspace first, then
  // the same keys topped up to the full size for everything else.
  const small = Math.min(positiveInt("BENCH_KEYS_SMALL", 200_000), n);
  log(`seeding ${int(small)} keys…`);
  const seedStart = performance.now();
  await seed(admin, small, Date.now() + 10 * 60_000);
  let seedMs = performance.now() - seedStart;
  const app = await ctx.startKeyscope(redis.url);
  const keysUrl = `${app.base}/api/connections/default/db/0/keys`;
  const walkBudget = () => Date.now() + Math.max(120_000, (n / 1e6) * 300_000);
  const smallWalks = small < n ? await walksAt(ctx, app.base, redis.port, small, walkBudget) : null;

  log(`seeding up to ${int(n)} keys…`);
  const topUp = performance.now();
  await seed(admin, n, Date.now() + 10 * 60_000, small);
  seedMs += performance.now() - topUp;
  const dbsize = await admin.dbsize();
  if (dbsize !== n) throw new Error(`seeded ${n} keys but DBSIZE is ${dbsize}`);
  const usedMemory = Number(/used_memory:(\d+)/.exec(await admin.info("memory"))?.[1] ?? 0);
  log(`seeded ${int(n)} keys in ${secs(seedMs)} (redis used_memory ${mib(usedMemory / 1024)})`);

  // -- first page, type and TTL on -----------------------------------------------------------
  const first = await getJson(`${keysUrl}?count=500&cursor=0`);
  if (first.dbsize !== n || first.keys.length === 0 || typeof first.keys[0].ttl !== "number") {
    throw new Error(`unexpected first page: ${JSON.stringify(first).slice(0, 300)}`);
  }
  const latencyDeadline = Date.now() + 5 * 60_000; // for the request loops below
  /** @type {number[]} */
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
  /** @type {number[]} */
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
  const nothingCold = nothingTimes[0] ?? Number.NaN;
  const nothingMed = median(nothingTimes.slice(1));
  log(`match=nothing:* first response: ${ms1(nothingCold)} cold, median ${ms1(nothingMed)}`);

  // The floor under every request: Next's routing and a response, with no Redis work (health),
  // and a keys request that does almost none (one key, names only).
  /** @param {string} url */
  const floor = async (url) => {
    /** @type {number[]} */
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

  const rssBeforeKiB = app
    .serverPids()
    .reduce((/** @type {number} */ s, p) => s + statusKiB(p, "VmRSS"), 0);

  // -- correctness (and warm-up) walks: every key exactly once, up to SCAN's duplicates ---------
  /** @type {ApiWalk[]} */
  const apiWalks = [
    { id: "api1000", label: "API, type+TTL, count=1000", query: "count=1000" },
    { id: "api5000", label: "API, type+TTL, count=5000", query: "count=5000" },
    { id: "apiNames", label: "API, names only (meta=0), count=5000", query: "meta=0&count=5000" },
  ];
  for (const w of apiWalks) {
    /** @type {Set<string>} */
    const unique = new Set();
    const t0 = performance.now();
    const r = await walkApi(app.base, w.query, walkBudget(), unique);
    const verify = {
      ...r,
      unique: unique.size,
      ms: performance.now() - t0,
      duplicates: r.seen - unique.size,
    };
    w.verify = verify;
    log(
      `${w.label}: ${int(unique.size)} distinct keys of ${int(r.dbsize)} (${int(verify.duplicates)} duplicates, ${r.requests} requests, warm-up ${secs(verify.ms)})`,
    );
  }

  // -- timed walks, interleaved, RUNS times ------------------------------------------------------
  const lua = scanScript();
  const luaClient = ctx.redisClient(redis.port);
  const baseClient = ctx.redisClient(redis.port);
  await baseClient.ping();
  await luaClient.ping();
  /** @type {(Omit<Measure, "samples"> | false)[]} */
  const candidates = [
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
      run: (/** @type {number} */ d) => walkApi(app.base, w.query, d),
      cpu: true,
    })),
    ...[1000, 5000].flatMap((c) => [
      {
        id: `lua${c}`,
        label: `ioredis + scan.ts's Lua script, count=${c} (no HTTP)`,
        run: (/** @type {number} */ d) => walkLua(luaClient, lua, c, false, d),
        cpu: true,
      },
      {
        id: `luaJson${c}`,
        label: `… + route's JSON encode and a client's parse, count=${c}`,
        run: (/** @type {number} */ d) => walkLua(luaClient, lua, c, true, d),
        cpu: true,
      },
    ]),
  ];
  /** @type {Measure[]} */
  const measures = candidates.filter((m) => m !== false).map((m) => ({ ...m, samples: [] }));
  for (let run = 0; run < ctx.runs; run++) {
    // rotate the order so no measure always runs right after the same neighbour
    for (let k = 0; k < measures.length; k++) {
      const m = /** @type {Measure} */ (measures[(k + run) % measures.length]);
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
      /** @type {Omit<Sample, "totalCpu">} */
      const partial = {
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
      const sample = {
        ...partial,
        totalCpu: partial.redisCpu + partial.appCpu + partial.benchCpu,
      };
      m.samples.push(sample);
      if (r.seen !== undefined && r.seen < n) {
        throw new Error(`${m.label} saw ${r.seen} keys, fewer than the ${n} seeded`);
      }
    }
    log(
      `run ${run + 1}/${ctx.runs}: ${measures.map((m) => `${m.id} ${secs(m.samples.at(-1)?.ms ?? 0)}`).join(", ")}`,
    );
  }
  /**
   * @param {Measure | undefined} m
   * @param {"ms" | "totalCpu" | "redisCpu" | "appCpu" | "benchCpu" | "redisCmdMs"} [f]
   */
  const med = (m, f = "ms") => median((m?.samples ?? []).map((s) => s[f]));
  const byId = Object.fromEntries(measures.map((m) => [m.id, m]));
  const baseMs = med(byId.baseline);
  const baseCpu = med(byId.baseline, "totalCpu");

  // -- memory of the Keyscope server after the walks --------------------------------------------
  const serverPids = app.serverPids();
  const table = procTable();
  const rssKiB = serverPids.reduce((/** @type {number} */ s, p) => s + statusKiB(p, "VmRSS"), 0);
  const hwmKiB = serverPids.reduce((/** @type {number} */ s, p) => s + statusKiB(p, "VmHWM"), 0);
  const wrapperKiB = serverPids.includes(app.pid) ? 0 : statusKiB(app.pid, "VmRSS");
  const serverNames = serverPids
    .map((p) => `${p === app.pid ? "scripts/start.mjs" : (table.get(p)?.comm ?? "?")} pid ${p}`)
    .join(", ");
  log(
    `Keyscope RSS ${mib(rssKiB)} (peak ${mib(hwmKiB)}; ${serverNames})${wrapperKiB ? `; wrapper ${mib(wrapperKiB)}` : ""}`,
  );

  // -- checks and Markdown ------------------------------------------------------------------------
  /** @param {string} id */
  const walkRatio = (id) => med(byId[id]) / baseMs;
  /** Best of the runs against the best baseline run, as issue 9 measured it. @param {string} id */
  const bestRatio = (id) => best(byId[id]?.samples ?? []) / best(byId.baseline?.samples ?? []);
  /** @type {import("./util.mjs").Check[]} */
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
      value: `${ratio(walkRatio("api5000"))} (${secs(med(byId.api5000))}); best of runs ${ratio(bestRatio("api5000"))}`,
      target: "≤ 3.00×",
      pass: walkRatio("api5000") <= 3,
    },
    ...(smallWalks ? smallChecks(smallWalks) : []),
    {
      name: "same, CPU time of Redis + Keyscope + client",
      value: `${ratio(med(byId.api5000, "totalCpu") / baseCpu)} (${secs(med(byId.api5000, "totalCpu"))})`,
    },
    {
      name: "walk names only count=5000 / baseline",
      value: `${ratio(walkRatio("apiNames"))} (${secs(med(byId.apiNames))}); best of runs ${ratio(bestRatio("apiNames"))}`,
      target: "≤ 1.20×",
      pass: walkRatio("apiNames") <= 1.2,
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
    ...apiWalks.map((w) => {
      const v = /** @type {Verify} */ (w.verify);
      return {
        name: `keys seen, ${w.label.replace("API, ", "")}`,
        value: `${int(v.unique)}/${int(n)} +${v.duplicates} dup`,
        target: "= DBSIZE",
        pass: v.unique === n && v.dbsize === n && v.shapeOk,
        error: true,
      };
    }),
  ];

  /** @param {Measure} m */
  const spread = (m) => {
    const xs = m.samples.map((s) => s.ms);
    return `${secs(Math.min(...xs))} – ${secs(Math.max(...xs))}`;
  };
  const info = ctx.info;
  const md = [];
  md.push(`## Key browsing: \`GET /api/connections/{conn}/db/{db}/keys\``);
  md.push("");
  md.push(
    `Run ${info.date} with \`${info.command}\`: **${int(n)} keys**, Node ${info.node}, Redis ${redisVersion} (${cliVersion}), Next ${info.next}, ioredis ${info.ioredis}, \`nproc\` ${info.nproc} (${info.cpu}), load average at start ${info.loadavg.join(" ")}. Tree ${info.git}; build ${build.id}${build.built ? ` (built in ${secs(build.ms ?? 0)} for this run)` : " (existing"}${build.built ? "" : build.newerSources.length ? `, older than ${build.newerSources.length} changed source files)` : ", up to date with the sources)"}. Timed walks: median of ${ctx.runs} interleaved runs.`,
  );
  md.push("");
  md.push(
    `Data: \`bench:<namespace>:<n>\` keys — small JSON-ish strings in user, session, cache, order, product and token namespaces; about 1/3 with a TTL of 1–24 h; 1% hashes, lists, sets and zsets. Seeded with pipelines in ${secs(seedMs)} (Redis \`used_memory\` ${mib(usedMemory / 1024)}).`,
  );
  md.push("");
  md.push(...checksTable(checks));
  md.push("");
  md.push("Full walks of the keyspace (wall time, median and range of the runs):");
  md.push("");
  md.push("| Walk | Median | Range | × baseline | Requests / keys seen |");
  md.push("|---|---|---|---|---|");
  for (const m of measures) {
    const w = apiWalks.find((a) => a.id === m.id);
    const seen = m.samples[0]?.seen;
    md.push(
      `| ${m.label} | ${secs(med(m))} | ${spread(m)} | ${ratio(med(m) / baseMs)} | ${w?.verify ? `${int(w.verify.requests)} / ${int(w.verify.seen)}` : seen !== undefined ? `– / ${int(seen)}` : "–"} |`,
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
    `First page: ${pageTimes.length} requests of \`?count=500&cursor=0\` after 5 warm-ups; p50 ${ms1(pageP50)}, p95 ${ms1(pageP95)}, max ${ms1(Math.max(...pageTimes))}. A filter that matches nothing (\`?match=nothing:*\`, count 500) answered ${nothingOk ? "an empty page" : "a NON-EMPTY page"} ${nothingContinues ? "with a cursor to continue" : 'with cursor "0" (the whole keyspace fit in the route\'s time budget)'} in ${ms1(nothingMed)} (median of 5 after one cold request of ${ms1(nothingCold)}). The floor under every request, p50 of 50: \`GET /api/health\` ${ms1(healthP50)}, \`GET …/keys?count=1&meta=0\` ${ms1(tinyP50)}. Keyscope's RSS (${serverNames}) was ${mib(rssBeforeKiB)} before the walks and ${mib(rssKiB)} after them (peak ${mib(hwmKiB)})${wrapperKiB ? `; the \`scripts/start.mjs\` wrapper that launched it adds ${mib(wrapperKiB)}` : ""}. ${cliHasCount ? "" : `This redis-cli has no \`--count\` option, so only its default COUNT 10 walk is shown. `}The whole section took ${secs(Date.now() - started)}; load average at the end ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}.`,
  );
  return { markdown: md.join("\n"), checks };
}
