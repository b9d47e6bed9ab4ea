// Section "cluster": a names-only walk of every key of a 3-master cluster through GET …/keys
// against a bare parallel SCAN of the three masters, and a bulk delete by pattern through
// POST …/bulk against `redis-cli --scan | xargs redis-cli unlink` on every master at once.
import os from "node:os";
import { Cluster } from "ioredis";
import { viaKeyscope as bulkViaKeyscope, countMatching, viaRedisCli } from "../bench-bulk.mjs";
import { keySlot } from "../lib/key-slot.mjs";
import { startCluster } from "../lib/redis-cluster.mjs";
import { walkApi } from "./keys-walks.mjs";
import {
  checksTable,
  cpuMsOf,
  int,
  log,
  median,
  onCleanup,
  positiveInt,
  ratio,
  runInfoLine,
  secs,
} from "./util.mjs";

/**
 * @param {Cluster} cluster
 * @param {number} from @param {number} to @param {(i: number) => string} name
 */
async function seed(cluster, from, to, name) {
  for (let i = from; i < to; i += 10_000) {
    const batch = [];
    for (let j = i; j < Math.min(to, i + 10_000); j++) batch.push(cluster.set(name(j), "v"));
    await Promise.all(batch);
  }
}

/**
 * @param {import("./servers.mjs").BenchContext} ctx
 * @returns {Promise<import("./util.mjs").SectionResult>}
 */
export async function clusterSection(ctx) {
  const started = Date.now();
  const build = await ctx.ensureBuild();
  const walkKeys = positiveInt("BENCH_CLUSTER_KEYS", ctx.keys);
  const bulkKeys = positiveInt("BENCH_CLUSTER_BULK_KEYS", 300_000);
  const cluster = await startCluster({ nodeTimeoutMs: 15_000 });
  onCleanup(() => cluster.stop());
  const seeds = cluster.seeds.map((s) => ({ host: "127.0.0.1", port: Number(s.split(":")[1]) }));
  const client = new Cluster(seeds, { enableAutoPipelining: true });
  client.on("error", () => {});
  onCleanup(() => client.disconnect());
  const masters = await cluster.masters();
  const nodes = masters.map((m) => ctx.redisClient(m.port));
  const first = /** @type {import("ioredis").Redis} */ (nodes[0]);
  const redisVersion = /redis_version:(\S+)/.exec(await first.info("server"))?.[1] ?? "?";
  log(`cluster: seeding ${int(walkKeys)} keys over ${masters.length} masters…`);
  await seed(client, 0, walkKeys, (i) => `user:${i}:profile`);
  const app = await ctx.startKeyscope(cluster.url);

  /** Keyscope: follow the cursor to "0", names only, 5,000 a page. */
  const viaKeyscope = async () => {
    const t = performance.now();
    const { seen: n } = await walkApi(app.base, "meta=0&count=5000", Number.POSITIVE_INFINITY);
    if (n !== walkKeys) throw new Error(`Keyscope's walk saw ${n} keys, not ${walkKeys}`);
    return performance.now() - t;
  };
  const viaParallelScan = async () => {
    const t = performance.now();
    const counts = await Promise.all(nodes.map((n) => countMatching(n, "*")));
    if (counts.reduce((a, b) => a + b, 0) !== walkKeys) throw new Error("bare SCAN missed keys");
    return performance.now() - t;
  };
  // Where the time goes: CPU of the three masters, of Keyscope's server and of this process
  // (the bench client: HTTP and JSON for Keyscope's walk, SCAN replies for the baseline).
  const masterPids = cluster.nodes
    .filter((n) => masters.some((m) => m.port === n.port))
    .map((n) => n.pid);
  /** @param {() => Promise<number>} fn @param {{redis: number[], keyscope: number[], client: number[]}} into */
  const withCpu = async (fn, into) => {
    const before = [cpuMsOf(masterPids), cpuMsOf(app.allPids()), process.cpuUsage()];
    const ms = await fn();
    const client = process.cpuUsage(/** @type {NodeJS.CpuUsage} */ (before[2]));
    into.redis.push(cpuMsOf(masterPids) - /** @type {number} */ (before[0]));
    into.keyscope.push(cpuMsOf(app.allPids()) - /** @type {number} */ (before[1]));
    into.client.push((client.user + client.system) / 1000);
    return ms;
  };
  const cpu = {
    keyscope: { redis: [], keyscope: [], client: [] },
    scan: { redis: [], keyscope: [], client: [] },
  };
  await viaKeyscope(); // warm-up: the first request compiles routes and reads the layout
  const walk = { keyscope: /** @type {number[]} */ ([]), scan: /** @type {number[]} */ ([]) };
  for (let run = 0; run < ctx.runs; run++) {
    walk.keyscope.push(await withCpu(viaKeyscope, cpu.keyscope));
    walk.scan.push(await withCpu(viaParallelScan, cpu.scan));
    log(
      `cluster: walk run ${run + 1}: Keyscope ${secs(walk.keyscope.at(-1) ?? 0)}, parallel SCAN ${secs(walk.scan.at(-1) ?? 0)}`,
    );
  }
  const walkRatio = median(walk.keyscope) / median(walk.scan);

  // Bulk delete: the doomed keys carry one hash tag per master, so that the baseline's
  // `xargs redis-cli unlink` batches never mix slots (a cluster refuses that with CROSSSLOT).
  /** @type {{tag: string, port: number | undefined}[]} */
  const tags = [];
  const slots = /** @type {[number, number, [string, number]][]} */ (
    await first.call("CLUSTER", "SLOTS")
  );
  for (let i = 0; tags.length < masters.length && i < 10_000; i++) {
    const slot = keySlot(Buffer.from(`t${i}`));
    const owner = slots.find(([a, b]) => slot >= a && slot <= b)?.[2][1];
    if (!tags.some((t) => t.port === owner)) tags.push({ tag: `t${i}`, port: owner });
  }
  const doomed = (/** @type {number} */ i) => `doomed:{${tags[i % tags.length]?.tag}}:${i}`;
  const bulk = { keyscope: /** @type {number[]} */ ([]), cli: /** @type {number[]} */ ([]) };
  for (let run = 0; run < ctx.runs; run++) {
    await seed(client, 0, bulkKeys, doomed);
    let t = performance.now();
    await bulkViaKeyscope({ baseUrl: app.base, headers: {}, pattern: "doomed:*" });
    bulk.keyscope.push(performance.now() - t);
    await seed(client, 0, bulkKeys, doomed);
    t = performance.now();
    await Promise.all(masters.map((m) => viaRedisCli(`redis://127.0.0.1:${m.port}`, "doomed:*")));
    bulk.cli.push(performance.now() - t);
    const left = (await Promise.all(nodes.map((n) => countMatching(n, "doomed:*")))).reduce(
      (a, b) => a + b,
      0,
    );
    if (left !== 0) throw new Error(`${left} doomed keys survived redis-cli`);
    log(
      `cluster: bulk run ${run + 1}: Keyscope ${secs(bulk.keyscope.at(-1) ?? 0)}, redis-cli ${secs(bulk.cli.at(-1) ?? 0)}`,
    );
  }
  const bulkRatio = median(bulk.keyscope) / median(bulk.cli);
  await app.stop();

  const checks = [
    {
      name: `names-only walk of ${int(walkKeys)} keys over 3 masters, Keyscope (GET …/keys?meta=0&count=5000 to cursor 0)`,
      value: secs(median(walk.keyscope)),
    },
    {
      name: "the same, bare parallel SCAN COUNT 5000 of the three masters (ioredis)",
      value: secs(median(walk.scan)),
    },
    {
      name: "walk, Keyscope / parallel SCAN",
      value: ratio(walkRatio),
      target: "≤ 1.3×",
      pass: walkRatio <= 1.3,
    },
    {
      name: `bulk delete of ${int(bulkKeys)} keys, Keyscope (POST …/bulk to done)`,
      value: secs(median(bulk.keyscope)),
    },
    {
      name: "the same, redis-cli --scan \\| xargs -n 1000 redis-cli unlink on every master at once",
      value: secs(median(bulk.cli)),
    },
    { name: "bulk delete, Keyscope / redis-cli", value: ratio(bulkRatio) },
  ];
  /** @param {{redis: number[], keyscope: number[], client: number[]}} c @param {string} name @param {number} wall */
  const cpuRow = (c, name, wall) => {
    const [r, k, b] = [median(c.redis), median(c.keyscope), median(c.client)];
    return `| ${name} | ${secs(wall)} | ${secs(r)} | ${k ? secs(k) : "—"} | ${secs(b)} | ${secs(r + k + b)} |`;
  };
  /** Cores busy on average: CPU time of every process over wall time. */
  const cores = (
    /** @type {{redis: number[], keyscope: number[], client: number[]}} */ c,
    /** @type {number} */ wall,
  ) => (median(c.redis) + median(c.keyscope) + median(c.client)) / wall;
  const busyNote = `Both walks are bound by CPU, not by waiting: the baseline keeps ${cores(cpu.scan, median(walk.scan)).toFixed(2)} of the ${os.cpus().length} cores busy and Keyscope's walk ${cores(cpu.keyscope, median(walk.keyscope)).toFixed(2)}, so what Keyscope adds is its own server's CPU (${secs(median(cpu.keyscope.keyscope))} per walk: decoding the SCAN replies, writing each page's JSON, HTTP), which has no idle core to hide on.`;
  const md = [
    "## Redis Cluster: key walk and bulk delete over three masters",
    "",
    runInfoLine(ctx, build, redisVersion),
    "",
    ...checksTable(checks),
    "",
    "CPU time per walk (median), on the machine's two cores:",
    "",
    "| Walk | Wall | 3 masters | Keyscope | Bench client | Σ CPU |",
    "|---|---|---|---|---|---|",
    cpuRow(cpu.keyscope, "Keyscope API", median(walk.keyscope)),
    cpuRow(cpu.scan, "bare parallel SCAN", median(walk.scan)),
    "",
    `A 3-master, 3-replica cluster of \`redis-server --cluster-enabled yes\` on loopback (scripts/lib/redis-cluster.mjs), seeded with ${int(walkKeys)} keys \`user:<n>:profile\` spread over all slots; median of ${ctx.runs} run(s) of each, in turn. Keyscope asks every master for its share of each page at once behind one cursor (lib/redis/scan-cluster.ts), as the baseline scans all three at once. ${busyNote} The bulk delete's ${int(bulkKeys)} keys carry one hash tag per master (\`doomed:{tag}:<n>\`) so that the baseline's UNLINK batches never mix slots; Keyscope's job runs every master in parallel. The whole section took ${secs(Date.now() - started)}; load average at the end ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}.`,
  ];
  return { markdown: md.join("\n"), checks };
}
