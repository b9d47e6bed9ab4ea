import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { asRestrictedUser, call, withRedisServer } from "../harness";
import * as r from "../routes";

// The memory analysis end to end on a real redis-server: the job's figures against what Redis
// itself says (DBSIZE, MEMORY USAGE, PTTL), the reports it saves, and the refusals.

const redis = withRedisServer();
const params = { conn: "default", db: "0" };
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));
const BIN = Buffer.from([0xff, 0x00, 0xfe]);
const b64 = (b: Buffer) => ({ b64: b.toString("base64") });

const start = (body: unknown) => call(r.analysis.POST, { params, method: "POST", body });
const job = (jobId: string) => call(r.jobs.GET, { params: { jobId } });

async function finished(jobId: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { json } = await job(jobId);
    if (json.state !== "running" || Date.now() > deadline) return json;
    await sleep(20);
  }
}

async function analyse(body: Record<string, unknown>) {
  const started = await start(body);
  expect(started.status, JSON.stringify(started.json)).toBe(202);
  const done = await finished(started.json.jobId);
  expect(done.state, done.error).toBe("done");
  const got = await call(r.analysisReport.GET, {
    params: { conn: "default", id: done.reportId },
  });
  expect(got.status).toBe(200);
  return { job: done, report: got.json };
}

const HOUR = 3600;
/** 2,000+ keys of every type, TTLs in each bucket, a hash past listpack, binary keys. */
async function seedMixed() {
  const p = redis.raw.pipeline();
  for (let i = 0; i < 1500; i++) {
    const key = `user:${i}:name`;
    if (i < 300)
      p.set(key, "x".repeat(i % 50), "EX", HOUR / 2); // <1h
    else if (i < 500)
      p.set(key, "x".repeat(i % 50), "EX", 5 * HOUR); // 1h-24h
    else p.set(key, "x".repeat(i % 50));
  }
  for (let i = 0; i < 200; i++) {
    p.hset(`cache/item:${i}`, { a: "1", b: "2", c: "3" });
    p.expire(`cache/item:${i}`, 3 * 24 * HOUR); // 1d-7d
  }
  const big: Record<string, string> = {};
  for (let i = 0; i < 1000; i++) big[`field${i}`] = "v".repeat(20);
  p.hset("big:hash", big); // past hash-max-listpack-entries (128): a hashtable
  for (let i = 0; i < 100; i++) p.sadd(`set:int:${i}`, 1, 2, 3, i + 10);
  for (let i = 0; i < 50; i++) p.sadd(`set:str:${i}`, "a", "b", `m${i}`);
  for (let i = 0; i < 100; i++) p.zadd(`z:${i}`, 1, "a", 2, "b");
  for (let i = 0; i < 100; i++) p.rpush(`l:${i}`, "a", "b", "c");
  for (let i = 0; i < 20; i++) {
    p.xadd(`s:${i}`, "*", "f", "v");
    p.expire(`s:${i}`, 30 * 24 * HOUR); // >7d
  }
  for (let i = 0; i < 10; i++) p.set(Buffer.concat([BIN, Buffer.from(`:${i}`)]), "bin");
  p.set(Buffer.concat([BIN, Buffer.from(":big")]), "y".repeat(50_000));
  await p.exec();
}

/** Redis's own sum of MEMORY USAGE … SAMPLES 5 over every key. */
async function memoryUsageSum(): Promise<number> {
  let sum = 0;
  let cursor = "0";
  do {
    const [next, keys] = (await redis.raw.scanBuffer(cursor, "COUNT", 1000)) as [Buffer, Buffer[]];
    cursor = next.toString();
    const p = redis.raw.pipeline();
    for (const k of keys) p.call("MEMORY", "USAGE", k, "SAMPLES", 5);
    for (const [, n] of (await p.exec()) ?? []) sum += Number(n);
  } while (cursor !== "0");
  return sum;
}

const ns = (report: any, prefix: unknown, depth: number) =>
  report.namespaces.find(
    (n: any) => JSON.stringify(n.prefix) === JSON.stringify(prefix) && n.depth === depth,
  );
const bucket = (report: any, name: string) =>
  report.ttlBuckets.find((b: any) => b.bucket === name)?.keys;

describe("POST …/analysis (full)", () => {
  it("counts every key, sums Redis's MEMORY USAGE, and groups by namespace, type and TTL", async () => {
    await seedMixed();
    const dbsize = await redis.raw.dbsize();
    const expected = await memoryUsageSum();
    const { job: done, report } = await analyse({ mode: "full", delimiter: ":/" });
    expect(done).toMatchObject({ kind: "analysis", progress: 1, dbsize, scanned: dbsize });
    expect(report).toMatchObject({
      mode: "full",
      keys: dbsize,
      keysRead: dbsize,
      dbsize,
      unsized: 0,
    });
    expect(report.estimated ?? false).toBe(false);
    expect(Math.abs(report.memoryBytes - expected) / expected).toBeLessThan(0.01);

    const types = Object.fromEntries(report.byType.map((t: any) => [t.type, t.keys]));
    expect(types).toEqual({ string: 1511, hash: 201, set: 150, zset: 100, list: 100, stream: 20 });

    expect(ns(report, "user", 1)).toMatchObject({ keys: 1500, noTtlKeys: 1000 });
    expect(ns(report, "cache", 1)).toMatchObject({ keys: 200 });
    expect(ns(report, "cache/item", 2)).toMatchObject({ keys: 200, noTtlKeys: 0 });
    expect(ns(report, b64(BIN), 1)).toMatchObject({ keys: 11 });

    expect(bucket(report, "<1h")).toBe(300);
    expect(bucket(report, "1h-24h")).toBe(200);
    expect(bucket(report, "1d-7d")).toBe(200);
    expect(bucket(report, ">7d")).toBe(20);
    expect(bucket(report, "none")).toBe(dbsize - 720);

    // The biggest keys, bytes exact: the 1,000-field hash and the binary 50 kB string.
    const binBig = Buffer.concat([BIN, Buffer.from(":big")]);
    const top = (key: unknown) =>
      report.topKeys.findIndex((k: any) => JSON.stringify(k.key) === JSON.stringify(key));
    expect([top("big:hash"), top(b64(binBig))].sort()).toEqual([0, 1]);
    expect(report.topKeys[top(b64(binBig))]).toMatchObject({
      type: "string",
      length: 50_000,
      memoryBytes: await redis.raw.call("MEMORY", "USAGE", binBig, "SAMPLES", 5),
    });
    expect(report.topKeys[top("big:hash")]).toMatchObject({
      type: "hash",
      length: 1000,
      encoding: "hashtable",
      ttl: -1,
    });
    expect(report.topKeysByLength[0].key).toEqual(b64(binBig));
    expect(report.encodings).toContainEqual(
      expect.objectContaining({ type: "set", encoding: "intset", keys: 100 }),
    );
  });

  it("saves the report 600 in a 700 directory, lists, compares, exports CSV and deletes it", async () => {
    await seedMixed();
    const one = await analyse({ mode: "full" });
    await redis.raw.del("big:hash");
    const two = await analyse({ mode: "full" });

    const dir = join(process.env.KEYSCOPE_DATA_DIR as string, "reports", "default");
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const file = join(dir, `${two.report.id}.json`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const list = await call(r.analysisReports.GET, { params: { conn: "default" } });
    expect(list.json.reports.map((x: any) => x.id).slice(0, 2)).toEqual([
      two.report.id,
      one.report.id,
    ]);
    expect(list.json.reports[0]).toMatchObject({ db: 0, mode: "full", keys: two.report.keys });

    const cmp = await call(r.analysisCompare.GET, {
      params: { conn: "default", id: two.report.id },
      query: { with: one.report.id },
    });
    expect(cmp.status).toBe(200);
    expect(cmp.json.before.id).toBe(one.report.id);
    const hashes = cmp.json.byType.find((t: any) => t.type === "hash");
    expect(hashes).toMatchObject({ keysBefore: 201, keysAfter: 200 });
    expect(hashes.memoryAfter).toBeLessThan(hashes.memoryBefore);

    const url = `http://localhost/api/connections/default/analysis/${one.report.id}?format=csv`;
    const res = await r.analysisReport.GET(new Request(url, { headers: { host: "localhost" } }), {
      params: Promise.resolve({ conn: "default", id: one.report.id }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv");
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const lines = (await res.text()).trim().split(/\r?\n/);
    expect(lines.length).toBe(one.report.namespaces.length + 1);

    const del = await call(r.analysisReport.DELETE, {
      params: { conn: "default", id: one.report.id },
    });
    expect(del).toEqual({ status: 200, json: { deleted: true } });
    const gone = await call(r.analysisReport.GET, {
      params: { conn: "default", id: one.report.id },
    });
    expect(gone.status).toBe(404);
    expect(await readdir(dir)).not.toContain(`${one.report.id}.json`);
  });
});

describe("POST …/analysis (sample)", () => {
  it("estimates from RANDOMKEY's sample, scaled to DBSIZE, with an uncertainty", async () => {
    await seedMixed();
    const dbsize = await redis.raw.dbsize();
    const full = await analyse({ mode: "full" });
    const { job: done, report } = await analyse({ mode: "sample", sampleSize: 1000 });
    expect(done.scanned).toBe(1000);
    expect(report).toMatchObject({ mode: "sample", estimated: true, keysRead: 1000, dbsize });
    expect(Math.abs(report.keys - dbsize) / dbsize).toBeLessThan(0.01);
    expect(report.uncertainty).toBeGreaterThan(0);
    // Within a generous 4 standard errors of the exact total (the 50 kB key makes it lumpy).
    const err = Math.abs(report.memoryBytes - full.report.memoryBytes) / full.report.memoryBytes;
    expect(err).toBeLessThan(Math.max(4 * report.uncertainty, 0.05));
    const users = ns(report, "user", 1);
    expect(Math.abs(users.keys - 1500) / 1500).toBeLessThan(0.15);
  });
});

describe("refusals", () => {
  it("400 for a bad body, 404 for an unknown report, 400 for an id that is a path", async () => {
    for (const body of [
      { mode: "everything" },
      { mode: "sample", sampleSize: 0 },
      { mode: "full", delimiter: "" },
      { mode: "full", extra: 1 },
    ]) {
      const res = await start(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const missing = await call(r.analysisReport.GET, {
      params: { conn: "default", id: "0000000aa-deadbeef" },
    });
    expect(missing.status).toBe(404);
    for (const id of ["../../etc/passwd", "..", "a/b", "A.json"]) {
      const bad = await call(r.analysisReport.GET, { params: { conn: "default", id } });
      expect(bad.status, id).toBe(400);
      const del = await call(r.analysisReport.DELETE, { params: { conn: "default", id } });
      expect(del.status, id).toBe(400);
    }
    const cmp = await call(r.analysisCompare.GET, {
      params: { conn: "default", id: "0000000aa-deadbeef" },
      query: { with: "../x" },
    });
    expect(cmp.status).toBe(400);
    const noConn = await call(r.analysisReports.GET, { params: { conn: "nope" } });
    expect(noConn.status).toBe(404);
  });

  it("cancelled: the job stops between batches and leaves no report", async () => {
    const p = redis.raw.pipeline();
    for (let i = 0; i < 60_000; i++) p.set(`k:${i}`, "v");
    await p.exec();
    const before = await call(r.analysisReports.GET, { params: { conn: "default" } });
    const started = await start({ mode: "full" });
    const cancel = await call(r.jobs.DELETE, { params: { jobId: started.json.jobId } });
    expect(cancel.status).toBe(200);
    const done = await finished(started.json.jobId);
    expect(done.state).toBe("cancelled");
    expect(done.reportId).toBeUndefined();
    expect(done.scanned).toBeLessThan(60_000);
    const after = await call(r.analysisReports.GET, { params: { conn: "default" } });
    expect(after.json.reports).toEqual(before.json.reports);
  });
});

describe("where EVAL is refused (ACL -@scripting)", () => {
  it("reads the same figures by pipeline", async () => {
    await seedMixed();
    const scripted = await analyse({ mode: "full" });
    await asRestrictedUser(redis, ["-@scripting"], async () => {
      const { report } = await analyse({ mode: "full" });
      expect(report.keys).toBe(scripted.report.keys);
      expect(report.byType).toEqual(scripted.report.byType);
      expect(report.ttlBuckets.map((b: any) => b.keys)).toEqual(
        scripted.report.ttlBuckets.map((b: any) => b.keys),
      );
      expect(Math.abs(report.memoryBytes - scripted.report.memoryBytes)).toBeLessThan(
        scripted.report.memoryBytes * 0.01,
      );
      expect(report.topKeys.slice(0, 2)).toEqual(scripted.report.topKeys.slice(0, 2));
      // The script was tried, refused by the ACL, and the pipeline took over.
      const log = JSON.stringify(await redis.raw.call("ACL", "LOG"));
      expect(log).toMatch(/evalsha|eval/i);
    });
  });

  it("MEMORY refused: the keys are counted, their memory is unsized", async () => {
    await seedMixed();
    await asRestrictedUser(redis, ["-memory"], async () => {
      const { report } = await analyse({ mode: "full" });
      expect(report.keys).toBe(await redis.raw.dbsize());
      expect(report.unsized).toBe(report.keys);
    });
  });
});
