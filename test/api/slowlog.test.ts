import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { asRestrictedUser, call, withRedisServer } from "../harness";
import * as r from "../routes";
import { bytesOf, lastAudit } from "./diagnostics-helpers";

const redis = withRedisServer();
const conn = { conn: "default" };
const BIN = Buffer.from([0xff, 0x00, 0xfe]);

describe("GET /slowlog", () => {
  it("reads entries back with their exact argument bytes, client address and name", async () => {
    await redis.raw.config("SET", "slowlog-log-slower-than", "0");
    await redis.raw.slowlog("RESET");
    const named = new Redis(redis.server.url, { protocol: 2, connectionName: "slow-app" });
    try {
      await named.set(BIN, Buffer.concat([BIN, Buffer.from("v")]));
      const addr = String(await named.client("INFO")).match(/addr=(\S+)/)?.[1];
      const { status, json } = await call(r.slowlog.GET, { params: conn });
      expect(status).toBe(200);
      expect(json.slowerThanUs).toBe(0);
      expect(json.maxLen).toBe(128);
      expect(json.length).toBeGreaterThanOrEqual(json.entries.length);
      const set = json.entries.find(
        (e: any) => e.args.length === 3 && bytesOf(e.args[0]).toString() === "set",
      );
      expect(set).toBeDefined();
      expect(bytesOf(set.args[1]).equals(BIN)).toBe(true);
      expect(bytesOf(set.args[2]).equals(Buffer.concat([BIN, Buffer.from("v")]))).toBe(true);
      expect(set.args[1]).toEqual({ b64: BIN.toString("base64") });
      expect(set.client).toBe(addr);
      expect(set.clientName).toBe("slow-app");
      expect(set.durationUs).toBeGreaterThanOrEqual(0);
      expect(Math.abs(set.time - Date.now() / 1000)).toBeLessThan(10);
      // Newest first, as Redis keeps them.
      const ids = json.entries.map((e: any) => e.id);
      expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    } finally {
      named.disconnect();
      await redis.raw.config("SET", "slowlog-log-slower-than", "10000");
    }
  });

  it("keeps Redis's own cut of long and many arguments", async () => {
    await redis.raw.config("SET", "slowlog-log-slower-than", "0");
    await redis.raw.slowlog("RESET");
    try {
      const many = Array.from({ length: 40 }, (_, i) => `m${i}`);
      await redis.raw.sadd("s", ...many);
      await redis.raw.set("long", "x".repeat(300));
      const { json } = await call(r.slowlog.GET, { params: conn, query: { count: "10" } });
      const texts = json.entries.map((e: any) => e.args.map((a: any) => bytesOf(a).toString()));
      const sadd = texts.find((a: string[]) => a[0] === "sadd");
      // sadd s m0…m39 is 42 arguments: 31 kept, the 32nd counts the rest.
      expect(sadd).toHaveLength(32);
      expect(sadd.at(-1)).toBe("... (11 more arguments)");
      const set = texts.find((a: string[]) => a[0] === "set" && a[1] === "long");
      expect(set[2]).toBe(`${"x".repeat(128)}... (172 more bytes)`);
    } finally {
      await redis.raw.config("SET", "slowlog-log-slower-than", "10000");
    }
  });

  it("honours count, and refuses a count out of range with 400", async () => {
    await redis.raw.config("SET", "slowlog-log-slower-than", "0");
    try {
      for (let i = 0; i < 5; i++) await redis.raw.ping();
      const { json } = await call(r.slowlog.GET, { params: conn, query: { count: "2" } });
      expect(json.entries).toHaveLength(2);
      expect(json.length).toBeGreaterThan(2);
    } finally {
      await redis.raw.config("SET", "slowlog-log-slower-than", "10000");
    }
    for (const count of ["0", "-1", "10001", "abc", "1.5"]) {
      const { status, json } = await call(r.slowlog.GET, { params: conn, query: { count } });
      expect(status).toBe(400);
      expect(json.error.code).toBe("BAD_REQUEST");
      expect(json.error.message).toMatch(/count/);
    }
  });

  it("DELETE resets the slowlog and is audited", async () => {
    await redis.raw.config("SET", "slowlog-log-slower-than", "0");
    await redis.raw.ping();
    await redis.raw.config("SET", "slowlog-log-slower-than", "-1");
    try {
      expect(Number(await redis.raw.slowlog("LEN"))).toBeGreaterThan(0);
      const { status, json } = await call(r.slowlog.DELETE, { params: conn });
      expect(status).toBe(200);
      expect(json).toEqual({ reset: true });
      expect(Number(await redis.raw.slowlog("LEN"))).toBe(0);
      expect(lastAudit()).toMatchObject({ action: "DELETE /slowlog", result: { status: 200 } });
      const empty = await call(r.slowlog.GET, { params: conn });
      expect(empty.json.entries).toEqual([]);
      expect(empty.json.slowerThanUs).toBe(-1);
    } finally {
      await redis.raw.config("SET", "slowlog-log-slower-than", "10000");
    }
  });

  it("says clearly when the Redis user may not run SLOWLOG (managed services)", async () => {
    await asRestrictedUser(redis, ["-@admin"], async () => {
      const { status, json } = await call(r.slowlog.GET, { params: conn });
      expect(status).toBe(403);
      expect(json.error.code).toBe("FORBIDDEN");
      expect(json.error.message).toMatch(/refuses SLOWLOG.*@admin/);
      const reset = await call(r.slowlog.DELETE, { params: conn });
      expect(reset.status).toBe(403);
      expect(reset.json.error.code).toBe("FORBIDDEN");
    });
  });

  it("answers 404 for an unknown connection", async () => {
    const { status } = await call(r.slowlog.GET, { params: { conn: "nope" } });
    expect(status).toBe(404);
  });
});

describe("slowlog in read-only mode", () => {
  const ro = withRedisServer({ env: { KEYSCOPE_READ_ONLY: "1" } });
  it("reads, but refuses the reset with 403 READ_ONLY and keeps the entries", async () => {
    await ro.raw.config("SET", "slowlog-log-slower-than", "0");
    await ro.raw.ping();
    await ro.raw.config("SET", "slowlog-log-slower-than", "-1");
    const before = Number(await ro.raw.slowlog("LEN"));
    expect(before).toBeGreaterThan(0);
    expect((await call(r.slowlog.GET, { params: conn })).status).toBe(200);
    const { status, json } = await call(r.slowlog.DELETE, { params: conn });
    expect(status).toBe(403);
    expect(json.error.code).toBe("READ_ONLY");
    expect(Number(await ro.raw.slowlog("LEN"))).toBe(before);
    expect(lastAudit()).toMatchObject({ action: "DELETE /slowlog", result: { status: 403 } });
  });
});

describe("slowlog with Redis down", () => {
  const down = withRedisServer({ flush: false });
  it("answers 503 REDIS_UNAVAILABLE", async () => {
    await down.server.stop();
    const { status, json } = await call(r.slowlog.GET, { params: conn });
    expect(status).toBe(503);
    expect(json.error.code).toBe("REDIS_UNAVAILABLE");
  });
});
