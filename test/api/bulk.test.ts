import { describe, expect, it } from "vitest";
import { cursorProgress } from "@/lib/redis/bulk";
import { asRestrictedUser, call, withRedisServer } from "../harness";
import * as r from "../routes";

const redis = withRedisServer();
const params = { conn: "default", db: "0" };
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

const start = (body: unknown) => call(r.bulk.POST, { params, method: "POST", body });
const job = (jobId: string) => call(r.jobs.GET, { params: { jobId } });

async function finished(jobId: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { json } = await job(jobId);
    if (json.state !== "running" || Date.now() > deadline) return json;
    await sleep(20);
  }
}

async function run(body: Record<string, unknown>) {
  const started = await start(body);
  expect(started.status, JSON.stringify(started.json)).toBe(202);
  return finished(started.json.jobId);
}

async function seed(n: number, prefix: string, pipelineTtl?: number) {
  const p = redis.raw.pipeline();
  for (let i = 0; i < n; i++) {
    if (pipelineTtl) p.set(`${prefix}${i}`, "v", "EX", pipelineTtl);
    else p.set(`${prefix}${i}`, "v");
  }
  await p.exec();
}

describe("POST …/bulk", () => {
  it("a dry run counts and samples the matching keys and touches nothing", async () => {
    await seed(500, "user:");
    await seed(300, "session:", 600);
    const done = await run({ action: "delete", match: "user:*", dryRun: true });
    expect(done).toMatchObject({
      state: "done",
      matched: 500,
      affected: 0,
      scanned: 800,
      dbsize: 800,
      progress: 1,
      dryRun: true,
      action: "delete",
      match: "user:*",
      etaSeconds: 0,
    });
    expect(done.sample).toHaveLength(20);
    expect(done.sample.every((k: string) => k.startsWith("user:"))).toBe(true);
    expect(await redis.raw.dbsize()).toBe(800);
    const persist = await run({ action: "persist", match: "session:*", dryRun: true });
    expect(persist.matched).toBe(300);
    expect(await redis.raw.ttl("session:1")).toBeGreaterThan(500);
  });

  it("deletes exactly the matching keys, in batches", async () => {
    await seed(3000, "gone:");
    await seed(200, "kept:");
    const done = await run({ action: "delete", match: "gone:*", count: 100 });
    expect(done).toMatchObject({ state: "done", matched: 3000, affected: 3000, progress: 1 });
    expect(done.sample).toBeUndefined();
    expect(done.keysPerSec).toBeGreaterThan(0);
    expect(await redis.raw.dbsize()).toBe(200);
    expect(await redis.raw.exists("kept:0", "kept:199")).toBe(2);
  });

  it("touches only keys of the given type", async () => {
    await seed(50, "mixed:s");
    const p = redis.raw.pipeline();
    for (let i = 0; i < 40; i++) p.hset(`mixed:h${i}`, "f", "v");
    for (let i = 0; i < 30; i++) p.rpush(`mixed:l${i}`, "a");
    await p.exec();
    const done = await run({ action: "delete", match: "mixed:*", type: "hash" });
    expect(done).toMatchObject({ state: "done", matched: 40, affected: 40, type: "hash" });
    expect(await redis.raw.dbsize()).toBe(80);
    expect(await redis.raw.exists("mixed:h0")).toBe(0);
    expect(await redis.raw.type("mixed:l0")).toBe("list");
  });

  it("expire sets TTLs and persist removes them", async () => {
    await seed(120, "e:");
    await redis.raw.set("other", "v");
    const expired = await run({ action: "expire", match: "e:*", ttl: 600 });
    expect(expired).toMatchObject({ state: "done", matched: 120, affected: 120 });
    expect(await redis.raw.ttl("e:7")).toBeGreaterThan(590);
    expect(await redis.raw.ttl("other")).toBe(-1);
    const persisted = await run({ action: "persist", match: "e:*" });
    expect(persisted).toMatchObject({ state: "done", matched: 120, affected: 120 });
    expect(await redis.raw.ttl("e:7")).toBe(-1);
    // Persisting keys that have no TTL matches them but changes none.
    expect((await run({ action: "persist", match: "e:*" })).affected).toBe(0);
  });

  it("handles binary keys and binary patterns without decoding them", async () => {
    const prefix = Buffer.from([0xff, 0xfe, 0x3a]);
    const keys = [0, 1, 2].map((i) => Buffer.concat([prefix, Buffer.from([0x80 + i])]));
    for (const k of keys) await redis.raw.set(k, "v");
    await redis.raw.set(Buffer.from([0xfe, 0xff]), "v");
    const match = { b64: Buffer.concat([prefix, Buffer.from("*")]).toString("base64") };
    const dry = await run({ action: "delete", match, dryRun: true });
    expect(dry.match).toEqual(match);
    expect(dry.matched).toBe(3);
    const sampled = dry.sample.map((k: { b64: string }) => Buffer.from(k.b64, "base64"));
    expect(sampled.map((b: Buffer) => b.toString("hex")).sort()).toEqual(
      keys.map((k) => k.toString("hex")).sort(),
    );
    expect((await run({ action: "delete", match })).affected).toBe(3);
    expect(await redis.raw.dbsize()).toBe(1);
    expect(await redis.raw.exists(Buffer.from([0xfe, 0xff]))).toBe(1);
  });

  it("cancel stops a job part way", async () => {
    await seed(20_000, "slow:");
    // COUNT 10: about 2,000 round trips, so the job is still running when the cancel arrives.
    const started = await start({ action: "delete", match: "slow:*", count: 10 });
    const { jobId } = started.json;
    let seen = (await job(jobId)).json;
    while (seen.state === "running" && seen.affected === 0) seen = (await job(jobId)).json;
    const cancel = await call(r.jobs.DELETE, { params: { jobId }, method: "DELETE" });
    expect(cancel.status).toBe(200);
    const done = await finished(jobId);
    expect(done.state).toBe("cancelled");
    expect(done.affected).toBeGreaterThan(0);
    expect(done.affected).toBeLessThan(20_000);
    expect(done.progress).toBeLessThan(1);
    const left = await redis.raw.dbsize();
    expect(left).toBe(20_000 - done.affected);
    await sleep(100);
    expect(await redis.raw.dbsize()).toBe(left); // nothing more after the cancel
  });

  it("refuses bad bodies with 400 and starts nothing", async () => {
    await seed(10, "x:");
    for (const body of [
      {},
      { action: "delete" },
      { action: "drop", match: "*" },
      { action: "delete", match: "" },
      { action: "expire", match: "*" },
      { action: "expire", match: "*", ttl: 0 },
      { action: "expire", match: "*", ttl: 1.5 },
      { action: "delete", match: "*", ttl: 5 },
      { action: "delete", match: "*", type: "no such type!" },
      { action: "delete", match: "*", dryRun: "yes" },
      { action: "delete", match: { b64: "!!" } },
      { action: "delete", match: "*", extra: 1 },
    ]) {
      const { status, json } = await start(body);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(json.error.code).toBe("BAD_REQUEST");
    }
    expect(await redis.raw.dbsize()).toBe(10);
  });

  it("404s unknown jobs and 400s malformed ids", async () => {
    const unknown = await job("00000000-0000-0000-0000-000000000000");
    expect(unknown.status).toBe(404);
    expect((await job("nope")).status).toBe(400);
    const cancel = await call(r.jobs.DELETE, { params: { jobId: "nope" }, method: "DELETE" });
    expect(cancel.status).toBe(400);
  });
});

describe("where EVAL is refused (ACLs, managed services)", () => {
  it("falls back to pipelined SCAN + action batches, with the same results", async () => {
    await asRestrictedUser(redis, ["-@scripting"], async () => {
      await seed(1500, "fb:s");
      const p = redis.raw.pipeline();
      for (let i = 0; i < 700; i++) p.hset(`fb:h${i}`, "f", "v");
      await p.exec();
      const expired = await run({
        action: "expire",
        match: "fb:*",
        type: "hash",
        ttl: 900,
        count: 200,
      });
      expect(expired).toMatchObject({ state: "done", matched: 700, affected: 700 });
      expect(await redis.raw.ttl("fb:h3")).toBeGreaterThan(800);
      expect(await redis.raw.ttl("fb:s3")).toBe(-1);
      const deleted = await run({ action: "delete", match: "fb:s*", count: 200 });
      expect(deleted).toMatchObject({ state: "done", matched: 1500, affected: 1500 });
      expect(await redis.raw.dbsize()).toBe(700);
      // Redis did refuse the script (so the batches above went by pipeline).
      const log = JSON.stringify(await redis.raw.call("ACL", "LOG"));
      expect(log).toContain("evalsha");
    });
  });
});

describe("cursorProgress", () => {
  it("reads how far a walk is from the bit-reversed cursor", () => {
    expect(cursorProgress("0")).toBe(0);
    expect(cursorProgress("1")).toBe(0.5); // the lowest bit is the top of the reversed cursor
    expect(cursorProgress("3")).toBe(0.75);
    expect(cursorProgress("18446744073709551615")).toBeCloseTo(1);
  });

  it("moves forward through a real walk", async () => {
    await seed(5000, "w:");
    let cursor = "0";
    let last = 0;
    do {
      const [next] = await redis.raw.scan(cursor, "COUNT", 200);
      if (next !== "0") {
        const progress = cursorProgress(next);
        expect(progress).toBeGreaterThan(last);
        last = progress;
      }
      cursor = next;
    } while (cursor !== "0");
    expect(last).toBeGreaterThan(0.8);
  });
});
