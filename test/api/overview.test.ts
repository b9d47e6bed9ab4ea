import { afterAll, describe, expect, it } from "vitest";
import { parseInfo } from "@/lib/redis/info";
import { resetSamplers } from "@/lib/redis/sampler";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";

const redis = withRedisServer();
afterAll(resetSamplers); // registered after the harness's hooks, so it runs before them
const params = { conn: "default" };
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

async function rawInfo() {
  return parseInfo(await redis.raw.info("all"));
}

describe("GET /api/connections/{conn}/overview", () => {
  it("agrees with INFO and CONFIG GET on the real server", async () => {
    await redis.raw.config("SET", "maxmemory", String(64 * 1024 * 1024));
    await redis.raw.config("SET", "maxmemory-policy", "allkeys-lru");
    await redis.raw.mset("a", "1", "b", "2", "c", "3");
    await redis.raw.set("t", "x", "EX", 1000);
    await redis.raw.select(3);
    await redis.raw.set("in-db-3", "x");
    await redis.raw.select(0);
    await redis.raw.get("a"); // a hit
    await redis.raw.get("nope"); // a miss
    await redis.raw.get("nope2");
    const { status, json } = await call(r.overview.GET, { params });
    expect(status).toBe(200);
    const info = await rawInfo();

    expect(json.server).toMatchObject({
      version: info.get("redis_version"),
      mode: "standalone",
      role: "master",
      configFile: null,
      databases: 16,
      tcpPort: redis.server.port,
    });
    expect(json.server.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(json.memory.maxmemoryBytes).toBe(64 * 1024 * 1024);
    expect(json.memory.policy).toBe("allkeys-lru");
    expect(json.memory.usedBytes).toBeGreaterThan(0);
    expect(json.memory.usedOfMaxmemory).toBeCloseTo(json.memory.usedBytes / (64 * 1024 * 1024));
    expect(Math.abs(json.memory.usedBytes - Number(info.get("used_memory")))).toBeLessThan(
      256 * 1024,
    );
    expect(json.memory.peakBytes).toBeGreaterThanOrEqual(json.memory.usedBytes);

    const hits = Number(info.get("keyspace_hits"));
    const misses = Number(info.get("keyspace_misses"));
    expect(json.stats).toMatchObject({ hits, misses, evictedKeys: 0 });
    expect(hits).toBe(1);
    expect(misses).toBe(2);
    expect(json.stats.hitRatio).toBeCloseTo(1 / 3);
    expect(json.stats.connectedClients).toBe(Number(info.get("connected_clients")));
    expect(json.clients.max).toBe(Number(info.get("maxclients")));

    expect(json.persistence).toMatchObject({
      rdbBgsaveInProgress: false,
      rdbLastBgsaveStatus: "ok",
      aofEnabled: false,
      aofRewriteInProgress: false,
      aofSizeBytes: null,
      rdbChangesSinceLastSave: Number(info.get("rdb_changes_since_last_save")),
      rdbLastSaveTime: Number(info.get("rdb_last_save_time")),
    });
    expect(json.keyspace).toEqual([
      { db: 0, keys: 4, expires: 1, avgTtlMs: expect.any(Number) },
      { db: 3, keys: 1, expires: 0, avgTtlMs: 0 },
    ]);
    expect(json.replication).toMatchObject({ role: "master", connectedReplicas: 0, replicas: [] });
    const names = json.commands.byCalls.map((c: { name: string }) => c.name);
    expect(names).toContain("get");
    const get = json.commands.byCalls.find((c: { name: string }) => c.name === "get");
    expect(get.calls).toBe(3);
    expect(json.commands.byTime.length).toBeGreaterThan(0);
  });

  it("says null for the hit ratio while there were no reads", async () => {
    await redis.raw.config("RESETSTAT");
    const { json } = await call(r.overview.GET, { params });
    expect(json.stats.hits).toBe(0);
    expect(json.stats.misses).toBe(0);
    expect(json.stats.hitRatio).toBeNull();
  });

  it("404s an unknown connection", async () => {
    const { status, json } = await call(r.overview.GET, { params: { conn: "nope" } });
    expect(status).toBe(404);
    expect(json.error.code).toBe("NOT_FOUND");
  });
});

describe("GET …/overview/history", () => {
  it("samples every 2 s while asked, with rates, and answers only newer samples after `since`", async () => {
    resetSamplers();
    const first = await call(r.history.GET, { params });
    expect(first.status).toBe(200);
    expect(first.json.intervalMs).toBe(2000);
    await sleep(300);
    for (let i = 0; i < 100; i++) await redis.raw.set(`k${i}`, "v");
    await sleep(2200);
    const { json } = await call(r.history.GET, { params });
    expect(json.samples.length).toBeGreaterThanOrEqual(2);
    const [a, b] = json.samples;
    expect(a.opsPerSec).toBeNull(); // the first sample has nothing to compare with
    expect(b.opsPerSec).toBeGreaterThan(10);
    expect(b.t - a.t).toBeGreaterThan(1.5);
    expect(b.usedBytes).toBeGreaterThan(0);
    expect(b.clients).toBeGreaterThanOrEqual(1);
    expect(b.evictedPerSec).toBe(0);
    const later = await call(r.history.GET, { params, query: { since: String(b.t) } });
    expect(later.json.samples.every((s: { t: number }) => s.t > b.t)).toBe(true);
    // The overview now carries the latest rates.
    const overview = await call(r.overview.GET, { params });
    expect(overview.json.stats.rates).toMatchObject({ intervalSeconds: 2 });
    expect(await call(r.history.GET, { params, query: { since: "soon" } })).toMatchObject({
      status: 400,
    });
  });
});

describe("settings", () => {
  it("lists the editable settings as CONFIG GET has them", async () => {
    const { json } = await call(r.config.GET, { params });
    expect(json.available).toBe(true);
    expect(json.configFile).toBeNull();
    const byName = Object.fromEntries(
      json.settings.map((s: { name: string; value: string }) => [s.name, s.value]),
    );
    const [, policy] = (await redis.raw.config("GET", "maxmemory-policy")) as string[];
    expect(byName["maxmemory-policy"]).toBe(policy);
    expect(byName["lazyfree-lazy-eviction"]).toMatch(/^(yes|no)$/);
  });

  it("sets one with CONFIG SET, refuses invalid values and stale expectations", async () => {
    const put = (body: unknown) => call(r.config.PUT, { params, method: "PUT", body });
    await redis.raw.config("SET", "maxmemory", "0");
    const ok = await put({ name: "maxmemory", value: String(32 * 1024 * 1024), expect: "0" });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ name: "maxmemory", old: "0", value: String(32 * 1024 * 1024) });
    expect(await redis.raw.config("GET", "maxmemory")).toEqual(["maxmemory", "33554432"]);

    const stale = await put({ name: "maxmemory", value: "0", expect: "0" });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe("CONFLICT");
    expect(await redis.raw.config("GET", "maxmemory")).toEqual(["maxmemory", "33554432"]);

    for (const body of [
      { name: "maxmemory-policy", value: "allkeys-everything" },
      { name: "maxmemory-samples", value: "0" },
      { name: "maxmemory", value: "1gb" },
      { name: "lazyfree-lazy-eviction", value: "true" },
      { name: "requirepass", value: "x" },
      { name: "maxmemory" },
    ]) {
      const { status, json } = await put(body);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(json.error.code).toBe("BAD_REQUEST");
    }
    expect(await redis.raw.config("GET", "requirepass")).toEqual(["requirepass", ""]);
    const policy = await put({ name: "maxmemory-policy", value: "volatile-ttl" });
    expect(policy.json.value).toBe("volatile-ttl");
    await redis.raw.config("SET", "maxmemory", "0");
  });

  it("refuses CONFIG REWRITE with 409 when the server has no config file", async () => {
    const { status, json } = await call(r.configRewrite.POST, { params, method: "POST" });
    expect(status).toBe(409);
    expect(json.error.message).toMatch(/config file/);
  });
});
