import { describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { startRedis } from "@/scripts/lib/redis-server.mjs";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";

const redis = withRedisServer({ flush: false });
const params = { conn: "default", db: "0" };

describe("a Redis that goes away", () => {
  it("answers 503 fast while Redis is down and recovers on its own when it returns", async () => {
    await redis.raw.set("k", "v");
    expect((await call(r.key.GET, { params, query: { key: "k" } })).status).toBe(200);
    const { port } = redis.server;
    await redis.server.stop();
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      const { status, json } = await call(r.key.GET, { params, query: { key: "k" } });
      expect(status).toBe(503);
      expect(json.error.code).toBe("REDIS_UNAVAILABLE");
      expect(Date.now() - started).toBeLessThan(5000);
    }
    expect((await call(r.health.GET)).status).toBe(200);
    const again = await startRedis({ port });
    try {
      const deadline = Date.now() + 10_000;
      let status = 0;
      while (Date.now() < deadline) {
        status = (await call(r.keys.GET, { params })).status;
        if (status === 200) break;
        await new Promise((res) => setTimeout(res, 200));
      }
      expect(status).toBe(200);
    } finally {
      await again.stop();
    }
  });

  it("answers 503 within the command timeout when Redis hangs", async () => {
    const hung = await startRedis();
    process.env.REDIS_URL = hung.url;
    process.env.KEYSCOPE_COMMAND_TIMEOUT_MS = "1000";
    resetConfigForTests();
    const { closeAllClients } = await import("@/lib/redis/client");
    await closeAllClients();
    try {
      expect((await call(r.keys.GET, { params })).status).toBe(200);
      hung.pause();
      const started = Date.now();
      const { status, json } = await call(r.keys.GET, { params });
      expect(status).toBe(503);
      expect(json.error.code).toBe("REDIS_UNAVAILABLE");
      expect(Date.now() - started).toBeLessThan(3000);
      hung.resume();
      await new Promise((res) => setTimeout(res, 300));
      expect((await call(r.keys.GET, { params })).status).toBe(200);

      // Stopped while a request is in flight: that request answers 503 too, and the next
      // one after SIGCONT works again.
      const { Redis } = await import("ioredis");
      const seeder = new Redis(hung.url);
      await seeder.eval("for i=1,50000 do redis.call('SET', 'k'..i, i) end", 0);
      seeder.disconnect();
      const inFlight = call(r.keys.GET, { params, query: { count: "5000", match: "k1*" } });
      hung.pause();
      const started2 = Date.now();
      const mid = await inFlight;
      expect(mid.status).toBe(503);
      expect(Date.now() - started2).toBeLessThan(3000);
      hung.resume();
    } finally {
      delete process.env.KEYSCOPE_COMMAND_TIMEOUT_MS;
      await closeAllClients();
      await hung.stop();
    }
  });

  it("answers 503 when nothing listens at REDIS_URL", async () => {
    process.env.REDIS_URL = "redis://127.0.0.1:1";
    resetConfigForTests();
    const { status, json } = await call(r.databases.GET, { params: { conn: "default" } });
    expect(status).toBe(503);
    expect(json.error.message).toMatch(/Cannot reach Redis.*ECONNREFUSED/);
  });
});
