// Section "bulk": scripts/bench-bulk.mjs (bulk delete by pattern against redis-cli | xargs and a
// bare ioredis loop) against a throwaway Redis and Keyscope started the usual way.
import os from "node:os";
import { benchBulk } from "../bench-bulk.mjs";
import { log, mib, positiveInt, runInfoLine, secs } from "./util.mjs";
import { hwmOf, rssOf } from "./values-data.mjs";

/**
 * @param {import("./servers.mjs").BenchContext} ctx
 * @returns {Promise<import("./util.mjs").SectionResult>}
 */
export async function bulkSection(ctx) {
  const started = Date.now();
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
    log: (/** @type {unknown[]} */ ...a) => log(...a),
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
  /** @param {import("./util.mjs").Check} c */
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
