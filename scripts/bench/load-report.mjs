// The prose of the "load" section's report: what this run measured, and what the profiles
// behind the section found (kept apart from load.mjs, which measures).
import { checksTable, int, median, ms1, ratio, runInfoLine } from "./util.mjs";

/** @typedef {import("./load.mjs").Run} Run */

/** @param {number} n */
const ms2 = (n) => `${n.toFixed(2)} ms`;

/**
 * The figures of this run, then what a CPU profile and in-process measures of the route
 * handlers showed when this section was written (2026-12-01, Next 16.4, Node 20), and what
 * answering API reads outside Next's pipeline changed (2026-12-02).
 * @param {number} bare @param {number} floor @param {number} health @param {number} base @param {number} ks
 * @param {number} healthNext @param {number} ksNext
 */
export function whereTheTimeGoes(bare, floor, health, base, ks, healthNext, ksNext) {
  return [
    `**Where the time goes.** Server CPU per request in this run: bare \`node:http\` ${ms2(bare)}; an empty Next route handler ${ms2(floor)}, the floor under every request Next answers; Keyscope's \`/api/health\` ${ms2(health)} on the fast path against ${ms2(healthNext)} through Next's pipeline. Browsing, Keyscope spends ${ms2(ks)} per request (${ms2(ksNext)} through Next) where the baseline spends ${ms2(base)} on the same Redis work.`,
    "",
    "A CPU profile of Keyscope under this load (`node --cpu-prof scripts/start.mjs`) and the route handlers called in-process (production mode, 10 at a time, the same Redis) put Keyscope's own code — `handle()`, the guard, the session check, zod parsing, `lib/redis`, the JSON form — at about 0.1 ms a request: key details took 0.17 ms of CPU against 0.07 ms for the same ioredis calls made bare, a hash's first page 0.33 against 0.25 ms, `/api/health` 0.1 ms. The rest was Next's app-route pipeline, which runs whatever the route does: a `NextRequest` built from the node request, the dynamic route matched (`prefixRouteKeys` structured-clones its keys), `AsyncLocalStorage` snapshots (each `AsyncResource.bind` calls `util.deprecate` twice), the Response's web stream piped into the node response, and the compression middleware. Those targets could not be met from inside Next: the empty route alone was a fixed multiple of the baseline's whole request.",
    "",
    "So `scripts/server.mjs` answers `GET`/`HEAD` under `/api/` itself (`scripts/lib/api-direct.mjs`, docs/architecture.md \"API reads outside Next's pipeline\"): the route table read once from the build's manifests, each route module's `GET` called with a web `Request` (URL, headers, an `AbortSignal` for a client that goes away) and its params, the `Response` written with backpressure, gzip (level 1) for JSON of 1 KiB or more; writes, pages and anything odd (`..`, encoded slashes, no such route, a route without `GET`) still go through Next. Every check still runs, since it lives in `handle()`. What remains per request is undici's `Request`/`Response`/`Headers` and their web streams (~0.05 ms in a profile of `/api/health`), `handle()` and the socket writes; a one-chunk JSON answer goes out in one write with a `Content-Length` (a chunked answer cost a second write for its end: ~20% of a small answer's CPU).",
  ].join("\n");
}

/**
 * @param {import("./servers.mjs").BenchContext} ctx
 * @param {import("./build.mjs").BuildInfo} build
 * @param {string} redisVersion
 * @param {Map<string, Run[]>} m @param {Map<string, Run[]>} h
 * @param {{ seconds: number, clients: number, warmupSeconds: number, healthClients: number,
 *   types: readonly { type: string, prefix: string, n: number }[] }} setup how the section ran
 * @returns {import("./util.mjs").SectionResult}
 */
export function report(ctx, build, redisVersion, m, h, setup) {
  const { seconds: SECONDS, clients: CLIENTS, warmupSeconds: WARMUP_SECONDS } = setup;
  const { healthClients: HEALTH_CLIENTS, types: TYPES } = setup;
  /** @param {Map<string, Run[]>} map @param {string} name @param {keyof Run} f */
  const med = (map, name, f) => median((map.get(name) ?? []).map((r) => r[f]));
  /** Median of the per-round ratios a/b (rounds are interleaved, so each pair saw the same noise). */
  /** @param {Map<string, Run[]>} map @param {string} a @param {string} b @param {keyof Run} f */
  const rat = (map, a, b, f) => {
    const ra = map.get(a) ?? [];
    const rb = map.get(b) ?? [];
    return median(ra.map((r, i) => r[f] / (rb[i]?.[f] ?? Number.NaN)));
  };
  const bad = [...m.values(), ...h.values()].flat().reduce((n, r) => n + r.bad, 0);
  const tput = rat(m, "keyscope", "baseline", "rps");
  const p99 = rat(m, "keyscope", "baseline", "p99");
  const healthShare = rat(h, "health", "bare", "rps");
  /** @type {import("./util.mjs").Check[]} */
  const checks = [
    {
      name: "answers that were not 200 (all runs)",
      value: int(bad),
      target: "0",
      pass: bad === 0,
      error: bad > 0,
    },
    {
      name: "mixed throughput × baseline (auth on)",
      value: ratio(tput),
      target: "≥ 0.60×",
      pass: tput >= 0.6,
    },
    {
      name: "mixed p99 × baseline's (auth on)",
      value: ratio(p99),
      target: "≤ 2.00×",
      pass: p99 <= 2,
    },
    {
      name: "/api/health share of bare node:http",
      value: `1/${(1 / healthShare).toFixed(1)}`,
      target: "≥ 1/20",
      pass: healthShare >= 1 / 20,
    },
    {
      name: "mixed throughput × baseline (auth off)",
      value: ratio(rat(m, "keyscope-open", "baseline", "rps")),
    },
    {
      name: "mixed throughput × baseline, through Next (`KEYSCOPE_API_FAST_PATH=0`)",
      value: ratio(rat(m, "keyscope-next", "baseline", "rps")),
    },
    {
      name: "/api/health share of bare, through Next",
      value: `1/${(1 / rat(h, "health-next", "bare", "rps")).toFixed(1)}`,
    },
    {
      name: "empty Next route share of bare node:http",
      value: `1/${(1 / rat(h, "floor", "bare", "rps")).toFixed(1)}`,
    },
  ];
  /** @param {Map<string, Run[]>} map @param {string} name @param {string} label */
  const row = (map, name, label) =>
    `| ${label} | ${int(med(map, name, "rps"))} | ${ms1(med(map, name, "p50"))} | ${ms1(med(map, name, "p99"))} | ${ms2(med(map, name, "cpuPerReq"))} |`;
  const md = [
    "## API under load: 50 clients browsing, and `/api/health`",
    "",
    runInfoLine(ctx, build, redisVersion),
    "",
    `Data: 20,000 keys (${TYPES.map((t) => `${int(t.n)} ${t.type}s \`${t.prefix}:N\``).join(", ")}; 20 elements each, a third with a TTL). Each client sends, in turn and without pause, a key page with a match (\`match=<prefix>:<digit>*&count=50\`), a random key's details and a random key's value (first page); ${ctx.runs} rounds of ${SECONDS} s (\`BENCH_LOAD_SECONDS\`) per target after a ${WARMUP_SECONDS} s warm-up, the targets' order rotating, medians reported (ratios: the median of the per-round ratios). Client: autocannon in the bench process; servers in their own processes. **Keyscope** is the production build with auth on (\`KEYSCOPE_PASSWORD\`, the clients send the session cookie of a login, as a browser does), its API reads answered outside Next's pipeline (\`scripts/lib/api-direct.mjs\`); **open** the same build without auth; **through Next** the same build with \`KEYSCOPE_API_FAST_PATH=0\` (every request through Next's pipeline, as before the fast path). The **baseline** is a bare \`node:http\` + ioredis server sending Redis the same commands for each request (the same Lua SCAN step, \`TYPE\`/\`PTTL\`, \`OBJECT ENCODING\`/\`MEMORY USAGE\`/length, one \`MULTI\` per value page) and answering JSON: what Keyscope adds is everything else.`,
    "",
    ...checksTable(checks),
    "",
    "| Server | req/s | p50 | p99 | server CPU per request |",
    "|---|---|---|---|---|",
    row(m, "baseline", `baseline (node:http + ioredis), ${CLIENTS} clients`),
    row(m, "keyscope", `Keyscope, auth on, ${CLIENTS} clients`),
    row(m, "keyscope-open", `Keyscope, auth off, ${CLIENTS} clients`),
    row(m, "keyscope-next", `Keyscope through Next's pipeline, auth on, ${CLIENTS} clients`),
    row(h, "bare", `bare node:http \`{"ok":true}\`, ${HEALTH_CLIENTS} clients`),
    row(h, "floor", `empty Next route handler (load-floor/), ${HEALTH_CLIENTS} clients`),
    row(h, "health", `Keyscope \`/api/health\`, ${HEALTH_CLIENTS} clients`),
    row(
      h,
      "health-next",
      `Keyscope \`/api/health\` through Next's pipeline, ${HEALTH_CLIENTS} clients`,
    ),
    "",
    whereTheTimeGoes(
      med(h, "bare", "cpuPerReq"),
      med(h, "floor", "cpuPerReq"),
      med(h, "health", "cpuPerReq"),
      med(m, "baseline", "cpuPerReq"),
      med(m, "keyscope", "cpuPerReq"),
      med(h, "health-next", "cpuPerReq"),
      med(m, "keyscope-next", "cpuPerReq"),
    ),
  ];
  return { markdown: md.join("\n"), checks };
}
