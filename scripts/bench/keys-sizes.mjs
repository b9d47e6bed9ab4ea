import { performance } from "node:perf_hooks";
import { walkApi, walkIoredis } from "./keys-walks.mjs";
import { int, log, median, ratio, secs } from "./util.mjs";

// The "keys" section's walks at a second, smaller size (issue 9 asks for 200k keys as well as
// 1M): the baseline and the API walks at count=5000, compared best run against best run.
/** @param {{ ms: number }[]} samples */
export const best = (samples) => Math.min(...samples.map((x) => x.ms));

/**
 * @typedef {{ n: number, runs: Record<"baseline" | "api5000" | "apiNames", { ms: number }[]> }} SmallWalks
 */

/**
 * The timed walks of the smaller keyspace: the baseline, type+TTL and names only at count=5000,
 * interleaved, ctx.runs times each after one warm-up walk.
 * @param {import("./servers.mjs").BenchContext} ctx
 * @param {string} base
 * @param {number} port
 * @param {number} n
 * @param {() => number} budget
 * @returns {Promise<SmallWalks>}
 */
export async function walksAt(ctx, base, port, n, budget) {
  const client = ctx.redisClient(port);
  /** @type {Record<"baseline" | "api5000" | "apiNames", (d: number) => Promise<{ seen?: number }>>} */
  const walks = {
    baseline: (d) => walkIoredis(client, 1000, d),
    api5000: (d) => walkApi(base, "count=5000", d),
    apiNames: (d) => walkApi(base, "meta=0&count=5000", d),
  };
  await walks.api5000(budget());
  /** @type {SmallWalks["runs"]} */
  const runs = { baseline: [], api5000: [], apiNames: [] };
  const ids = /** @type {(keyof typeof walks)[]} */ (Object.keys(walks));
  for (let run = 0; run < ctx.runs; run++) {
    for (let k = 0; k < ids.length; k++) {
      const id = /** @type {keyof typeof walks} */ (ids[(k + run) % ids.length]);
      const t0 = performance.now();
      const r = await walks[id](budget());
      runs[id].push({ ms: performance.now() - t0 });
      if (r.seen !== undefined && r.seen < n) throw new Error(`${id} saw ${r.seen} of ${n} keys`);
    }
  }
  log(`${int(n)} keys: ${ids.map((id) => `${id} best ${secs(best(runs[id]))}`).join(", ")}`);
  return { n, runs };
}

/**
 * @param {SmallWalks} w
 * @returns {import("./util.mjs").Check[]}
 */
export function smallChecks(w) {
  const base = best(w.runs.baseline);
  const med = (/** @type {{ ms: number }[]} */ xs) => median(xs.map((x) => x.ms));
  /** @param {"api5000" | "apiNames"} id @param {number} target */
  const row = (id, target) => ({
    name: `${int(w.n)} keys: walk ${id === "api5000" ? "type+TTL" : "names only"} count=5000 / baseline, best of runs`,
    value: `${ratio(best(w.runs[id]) / base)} (${secs(best(w.runs[id]))} against ${secs(base)}; medians ${ratio(med(w.runs[id]) / med(w.runs.baseline))})`,
    target: `≤ ${target.toFixed(2)}×`,
    pass: best(w.runs[id]) / base <= target,
  });
  return [row("api5000", 3), row("apiNames", 1.2)];
}
