// Section "values": first pages of big values and their key details through the API against the
// least a bare ioredis client could do, a 100 MiB download, the server's RSS, and the browser's
// JS heap with each big key open.
import os from "node:os";
import { performance } from "node:perf_hooks";
import { getJson, httpGet } from "./servers.mjs";
import {
  checkDeadline,
  checksTable,
  int,
  log,
  median,
  mib,
  ms1,
  percentile,
  ratio,
  runInfoLine,
  secs,
} from "./util.mjs";
import { browserHeaps, heapMiB, heapText, sizeText } from "./values-browser.mjs";
import {
  accountFor,
  BASELINE_COMMAND,
  bigKeySpecs,
  CHROMIUM,
  download,
  hwmOf,
  MiB,
  rssOf,
  rssSampler,
  seedBigKeys,
  VALUE_SAMPLES,
  VALUE_WARMUPS,
  VALUES_BROWSER,
  VALUES_SCALE,
} from "./values-data.mjs";

/**
 * @typedef {import("./values-data.mjs").BigKey} BigKey
 * @typedef {import("./values-data.mjs").BigType} BigType
 * @typedef {{ id: string, spec?: BigKey, url?: string, command?: string[], times: number[] }} Timed
 * @typedef {Awaited<ReturnType<typeof accountFor>>} Work
 */

/**
 * @param {import("./servers.mjs").BenchContext} ctx
 * @returns {Promise<import("./util.mjs").SectionResult>}
 */
export async function valuesSection(ctx) {
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
  /** @param {BigKey} s */
  const q = (s) => `key=${encodeURIComponent(s.key)}`;
  const deadline = Date.now() + 10 * 60_000; // for the request loops below

  // -- first pages and key details, interleaved with the bare-client baseline --------------------
  const base = ctx.redisClient(redis.port);
  await base.ping();
  /** @type {Partial<Record<BigType, { shown: number, bytes: number, details: any }>>} */
  const firstPages = {};
  for (const s of specs) {
    const res = await httpGet(`${api}/key/value?${q(s)}`);
    if (res.status !== 200) {
      throw new Error(
        `GET …/key/value?${q(s)} → ${res.status}: ${res.body.toString().slice(0, 300)}`,
      );
    }
    const v = JSON.parse(res.body.toString("utf8"));
    /** @type {Partial<Record<BigType, unknown[]>>} */
    const rows = { hash: v.entries, list: v.items, zset: v.members };
    const shown =
      rows[s.type]?.length ??
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
  /** @type {Timed[]} */
  const measures = [
    { id: "health", url: `${app.base}/api/health`, times: [] }, // the floor under every request
    ...specs.flatMap((s) => [
      { id: `value:${s.type}`, spec: s, url: `${api}/key/value?${q(s)}`, times: [] },
      { id: `details:${s.type}`, spec: s, url: `${api}/key?${q(s)}`, times: [] },
      { id: `base:${s.type}`, spec: s, command: BASELINE_COMMAND[s.type](s.key), times: [] },
    ]),
  ];
  /** @param {Timed | undefined} m */
  const once = async (m) => {
    if (!m) throw new Error("no such measure");
    if (m.command) {
      const [name = "", ...args] = m.command;
      await base.callBuffer(name, ...args);
      return;
    }
    const res = await httpGet(/** @type {string} */ (m.url));
    if (res.status !== 200) throw new Error(`GET ${m.url} → ${res.status}`);
  };
  for (let i = 0; i < VALUE_WARMUPS + VALUE_SAMPLES; i++) {
    checkDeadline(deadline, "first-page requests");
    // rotate the order so no measure always runs right after the same neighbour
    for (let k = 0; k < measures.length; k++) {
      const m = /** @type {Timed} */ (measures[(k + i) % measures.length]);
      const t0 = performance.now();
      await once(m);
      if (i >= VALUE_WARMUPS) m.times.push(performance.now() - t0);
    }
  }
  const byId = Object.fromEntries(measures.map((m) => [m.id, m]));
  /**
   * @param {string} id
   * @param {number} pct
   */
  const p = (id, pct) => percentile(byId[id]?.times ?? [], pct);
  for (const s of specs) {
    log(
      `${s.type}: first page p50 ${ms1(p(`value:${s.type}`, 50))} (p95 ${ms1(p(`value:${s.type}`, 95))}), details p50 ${ms1(p(`details:${s.type}`, 50))}, bare ${BASELINE_COMMAND[s.type](s.key)[0]} p50 ${ms1(p(`base:${s.type}`, 50))}`,
    );
  }
  const healthP50 = p("health", 50);

  // -- what each request makes Redis and Keyscope do ---------------------------------------------
  const REPS = 30;
  /** @type {Partial<Record<BigType, { value: Work, details: Work, base: Work }>>} */
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
  const str = /** @type {BigKey} */ (specs.find((s) => s.type === "string"));
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
      `download ${run + 1}/${DOWNLOAD_RUNS}: ${secs(ms)} (RSS ${mib(before)} → peak ${mib(peak)}); GETRANGE loop ${secs(loops.at(-1) ?? 0)}`,
    );
  }
  const dlMs = median(downloads.map((d) => d.ms));
  const loopMs = median(loops);
  const dlPeakKiB = Math.max(...downloads.map((d) => d.peak));
  const dlGrowthKiB = Math.max(...downloads.map((d) => d.peak - d.before));

  // -- the browser --------------------------------------------------------------------------------
  /** @type {import("./values-browser.mjs").Browser | { error: string }} */
  let browser = { error: "skipped (BENCH_VALUES_BROWSER=0)" };
  if (VALUES_BROWSER) {
    try {
      browser = await browserHeaps(app.base, specs);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      browser = { error: err.message.split("\n")[0] ?? "" };
      log(`browser part failed: ${err.stack ?? err}`);
    }
  }

  // -- the server's memory after all of it --------------------------------------------------------
  const serverPids = app.serverPids();
  const rssKiB = rssOf(serverPids);
  const hwmKiB = hwmOf(serverPids);
  log(`Keyscope RSS at the end ${mib(rssKiB)} (peak ${mib(hwmKiB)})`);

  // -- checks and Markdown ------------------------------------------------------------------------
  /** @type {import("./util.mjs").Check[]} */
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
  if ("error" in browser) {
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

  /** @type {string[]} */
  const md = [];
  md.push("## Big values: `GET …/key/value`, `GET …/key`, `GET …/key/download`, and the browser");
  md.push("");
  md.push(runInfoLine(ctx, build, redisVersion));
  md.push("");
  md.push(
    `Data, seeded by the section in ${secs(seedMs)} with pipelined batches (1,000 elements per command; the string by \`APPEND\` of 1 MiB chunks): ${specs.map((s, i) => `\`${s.key}\` ${sizeText(s)} (${encodings[i]})`).join(", ")}; Redis \`used_memory\` ${mib(usedMemory / 1024)}.${VALUES_SCALE === 1 ? "" : ` **Scaled by BENCH_VALUES_SCALE=${VALUES_SCALE}.**`}`,
  );
  md.push("");
  md.push(...checksTable(checks));
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
    const f = /** @type {NonNullable<typeof firstPages[BigType]>} */ (firstPages[t]);
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
  /** @param {number} x */
  const us = (x) => (x >= 1000 ? ms1(x / 1000) : `${x.toFixed(0)} µs`);
  for (const s of specs) {
    /** @type {["value" | "details" | "base", string][]} */
    const rows = [
      ["value", `${s.type} first page`],
      ["details", `${s.type} key details`],
      ["base", `${s.type} bare ${BASELINE_COMMAND[s.type](s.key)[0]}`],
    ];
    for (const [kind, label] of rows) {
      const w = /** @type {NonNullable<typeof work[BigType]>} */ (work[s.type])[kind];
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
  if ("error" in browser) {
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
