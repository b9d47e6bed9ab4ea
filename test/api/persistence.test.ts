import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";

const redis = withRedisServer();
const params = { conn: "default" };
const post = (
  handler: Parameters<typeof call>[0],
  body?: unknown,
  p: Record<string, string> = params,
) => call(handler, { params: p, method: "POST", body });
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

async function persistence() {
  return (await call(r.persistence.GET, { params })).json;
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await sleep(50);
  }
}

describe("BGSAVE", () => {
  it("writes a snapshot, and its status moves from running to ok", async () => {
    await redis.raw.mset("a", "1", "b", "2");
    const before = await persistence();
    expect(before.rdbChangesSinceLastSave).toBeGreaterThan(0);
    const started = await post(r.bgsave.POST);
    expect(started).toEqual({ status: 202, json: { started: true } });
    const after = await until(persistence, (p) => !p.rdbBgsaveInProgress);
    expect(after.rdbLastBgsaveStatus).toBe("ok");
    expect(after.rdbChangesSinceLastSave).toBe(0);
    expect(after.rdbLastBgsaveDurationSec).toBeGreaterThanOrEqual(0);
    expect(existsSync(join(redis.server.dir, "dump.rdb"))).toBe(true);
  });

  it("answers 409 CONFLICT while a snapshot is already running", async () => {
    // 2,000 keys × 1 ms per key (rdb-key-save-delay, in µs) keep a save busy for ~2 s.
    const p = redis.raw.pipeline();
    for (let i = 0; i < 2000; i++) p.set(`k${i}`, "v");
    await p.exec();
    await redis.raw.config("SET", "rdb-key-save-delay", "1000");
    try {
      expect((await post(r.bgsave.POST)).status).toBe(202);
      const running = await persistence();
      expect(running.rdbBgsaveInProgress).toBe(true);
      const again = await post(r.bgsave.POST);
      expect(again.status).toBe(409);
      expect(again.json.error.code).toBe("CONFLICT");
      // A rewrite asked for meanwhile is queued behind the save, not refused.
      const aof = await post(r.bgrewriteaof.POST);
      expect(aof).toEqual({ status: 202, json: { started: true, scheduled: true } });
    } finally {
      await redis.raw.config("SET", "rdb-key-save-delay", "0");
    }
    const done = await until(
      persistence,
      (p) => !p.rdbBgsaveInProgress && !p.aofRewriteInProgress && !p.aofRewriteScheduled,
    );
    expect(done.rdbLastBgsaveStatus).toBe("ok");
  });
});

describe("AOF", () => {
  it("turns on with CONFIG SET appendonly, rewrites, and 409s a second rewrite", async () => {
    const on = await call(r.config.PUT, {
      params,
      method: "PUT",
      body: { name: "appendonly", value: "yes", expect: "no" },
    });
    expect(on.json).toEqual({ name: "appendonly", old: "no", value: "yes" });
    const enabled = await until(persistence, (p) => p.aofEnabled && !p.aofRewriteInProgress);
    expect(enabled.aofEnabled).toBe(true);
    expect(enabled.aofSizeBytes).toBeGreaterThanOrEqual(0);
    await redis.raw.config("SET", "rdb-key-save-delay", "1000");
    const p = redis.raw.pipeline();
    for (let i = 0; i < 2000; i++) p.set(`k${i}`, "v");
    await p.exec();
    try {
      expect(await post(r.bgrewriteaof.POST)).toEqual({
        status: 202,
        json: { started: true, scheduled: false },
      });
      const again = await post(r.bgrewriteaof.POST);
      expect(again.status).toBe(409);
    } finally {
      await redis.raw.config("SET", "rdb-key-save-delay", "0");
    }
    const done = await until(persistence, (s) => !s.aofRewriteInProgress);
    expect(done.aofLastBgrewriteStatus).toBe("ok");
    await redis.raw.config("SET", "appendonly", "no");
  });
});

describe("flush", () => {
  async function seed() {
    await redis.raw.set("zero", "x");
    await redis.raw.select(9);
    await redis.raw.set("nine", "x");
    await redis.raw.select(0);
  }
  const dbsizeOf = async (db: number) => {
    await redis.raw.select(db);
    const n = await redis.raw.dbsize();
    await redis.raw.select(0);
    return n;
  };

  it("FLUSHDB needs the db index as confirm, and flushes nothing otherwise", async () => {
    await seed();
    const flush = (body: unknown) => post(r.flush.POST, body, { conn: "default", db: "9" });
    for (const body of [{}, { confirm: "0" }, { confirm: 9 }, { confirm: "09" }, undefined]) {
      const { status, json } = await flush(body);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(json.error.code).toBe("BAD_REQUEST");
    }
    expect(await dbsizeOf(9)).toBe(1);
    expect(await flush({ confirm: "9" })).toEqual({
      status: 200,
      json: { flushed: true, async: true, masters: 1 },
    });
    expect(await dbsizeOf(9)).toBe(0);
    expect(await dbsizeOf(0)).toBe(1);
  });

  it("FLUSHALL needs the connection id as confirm", async () => {
    await seed();
    for (const body of [{}, { confirm: "Default" }, { confirm: "0" }]) {
      expect((await post(r.flushall.POST, body)).status).toBe(400);
    }
    expect(await dbsizeOf(0)).toBe(1);
    expect(await dbsizeOf(9)).toBe(1);
    expect((await post(r.flushall.POST, { confirm: "default" })).json.flushed).toBe(true);
    expect(await dbsizeOf(0)).toBe(0);
    expect(await dbsizeOf(9)).toBe(0);
  });

  it("404s a database the server does not have", async () => {
    const { status } = await post(r.flush.POST, { confirm: "99" }, { conn: "default", db: "99" });
    expect(status).toBe(404);
  });
});
