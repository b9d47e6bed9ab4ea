import { describe, expect, it } from "vitest";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";

// maxmemory below used memory evicts at once (or, with noeviction, fails writes): the answer
// says so with the figures, and the setting is applied all the same (issue 9).

const redis = withRedisServer();
const params = { conn: "default" };
const put = (body: unknown) => call(r.config.PUT, { params, method: "PUT", body });
const used = async () => Number(/used_memory:(\d+)/.exec(await redis.raw.info("memory"))?.[1]);

describe("PUT …/config warns about memory", () => {
  it("warns of the eviction a limit below used memory causes, and applies it", async () => {
    await redis.raw.config("SET", "maxmemory", "0");
    await redis.raw.config("SET", "maxmemory-policy", "allkeys-lru");
    const p = redis.raw.pipeline();
    for (let i = 0; i < 2000; i++) p.set(`k${i}`, Buffer.alloc(1000, 1));
    await p.exec();
    const limit = Math.floor((await used()) / 2);
    const res = await put({ name: "maxmemory", value: String(limit) });
    expect(res.status).toBe(200);
    expect(res.json.value).toBe(String(limit));
    expect(res.json.warnings).toHaveLength(1);
    expect(res.json.warnings[0]).toMatch(
      /^About .+ will be evicted at once \(used .+, limit .+, policy allkeys-lru\)/,
    );
    expect(await redis.raw.config("GET", "maxmemory")).toEqual(["maxmemory", String(limit)]);
    await redis.raw.config("SET", "maxmemory", "0");
  });

  it("warns that writes fail with noeviction near or under the limit, and not otherwise", async () => {
    await redis.raw.config("SET", "maxmemory", "0");
    await redis.raw.config("SET", "maxmemory-policy", "allkeys-lru");
    const now = await used();
    // Near: used is ~95 % of the limit, and the policy becomes noeviction.
    await redis.raw.config("SET", "maxmemory", String(Math.ceil(now / 0.95)));
    const near = await put({ name: "maxmemory-policy", value: "noeviction" });
    expect(near.status).toBe(200);
    expect(near.json.warnings?.[0]).toMatch(/with noeviction, writes will fail \(OOM\)/);
    // Under: the limit below used memory with noeviction.
    const under = await put({ name: "maxmemory", value: String(Math.floor(now / 2)) });
    expect(under.json.warnings?.[0]).toMatch(/above the new limit .*writes will fail/);
    // Plenty of room: no warning.
    const roomy = await put({ name: "maxmemory", value: String(now * 10) });
    expect(roomy.status).toBe(200);
    expect(roomy.json.warnings).toBeUndefined();
    const other = await put({ name: "maxmemory-samples", value: "7" });
    expect(other.json.warnings).toBeUndefined();
    await redis.raw.config("SET", "maxmemory", "0");
  });
});
