import { describe, expect, it } from "vitest";
import { keysPage } from "@/lib/schemas/keys";
import { asRestrictedUser, call, withRedisServer } from "../harness";
import * as r from "../routes";

// Two paths of GET …/keys that the main keys tests never reach: the pipelined fallback for
// servers that refuse EVAL, and the prefetched next page of a walk.

const redis = withRedisServer();
const params = { conn: "default", db: "0" };

async function page(query: Record<string, string>) {
  const { status, json } = await call(r.keys.GET, { params, query });
  expect(status, JSON.stringify(json)).toBe(200);
  // keysPage decodes byte strings to Buffers (the harness has checked the answer already).
  const parsed = keysPage.parse(json);
  return {
    cursor: parsed.cursor,
    keys: parsed.keys.map((k) => ({ ...k, key: k.key.toString() })),
  };
}

async function walk(query: Record<string, string>) {
  const keys: Awaited<ReturnType<typeof page>>["keys"] = [];
  let cursor = "0";
  do {
    const p = await page({ ...query, cursor });
    keys.push(...p.keys);
    cursor = p.cursor;
  } while (cursor !== "0");
  return keys;
}

async function seed(n: number, prefix: string) {
  const p = redis.raw.pipeline();
  for (let i = 0; i < n; i++) p.set(`${prefix}${i}`, "v");
  await p.exec();
}

describe("GET …/keys where EVAL is refused (ACL -@scripting)", () => {
  it("gives every key its own type and TTL from the pipelined fallback", async () => {
    await asRestrictedUser(redis, ["-@scripting"], async () => {
      // Every type, with and without a TTL, among enough plain keys to take several pages.
      await seed(2500, "plain:");
      await redis.raw.set("t:string", "v", "EX", 1000);
      await redis.raw.hset("t:hash", "f", "v");
      await redis.raw.expire("t:hash", 2000);
      await redis.raw.rpush("t:list", "a");
      await redis.raw.sadd("t:set", "a");
      await redis.raw.expire("t:set", 3000);
      await redis.raw.zadd("t:zset", 1, "a");
      await redis.raw.xadd("t:stream", "*", "f", "v");
      await redis.raw.pfadd("t:hll", "a"); // a HyperLogLog is a string to TYPE

      const all = await walk({ count: "700" });
      expect(all).toHaveLength(2507);
      expect(all.filter((k) => k.key.startsWith("plain:"))).toEqual(
        Array.from({ length: 2500 }, () => ({ key: expect.any(String), type: "string", ttl: -1 })),
      );
      const typed = Object.fromEntries(
        all.filter((k) => k.key.startsWith("t:")).map((k) => [k.key, k]),
      );
      expect(typed).toEqual({
        "t:string": { key: "t:string", type: "string", ttl: expect.any(Number) },
        "t:hash": { key: "t:hash", type: "hash", ttl: expect.any(Number) },
        "t:list": { key: "t:list", type: "list", ttl: -1 },
        "t:set": { key: "t:set", type: "set", ttl: expect.any(Number) },
        "t:zset": { key: "t:zset", type: "zset", ttl: -1 },
        "t:stream": { key: "t:stream", type: "stream", ttl: -1 },
        "t:hll": { key: "t:hll", type: "string", ttl: -1 },
      });
      // TTLs only count down, and the walk above takes well under 100 s.
      for (const [key, ttl] of [
        ["t:string", 1000],
        ["t:hash", 2000],
        ["t:set", 3000],
      ] as const) {
        expect(typed[key]?.ttl, key).toBeLessThanOrEqual(ttl);
        expect(typed[key]?.ttl, key).toBeGreaterThan(ttl - 100);
      }
      // A type filter goes through the same fallback.
      expect(await walk({ type: "zset" })).toEqual([{ key: "t:zset", type: "zset", ttl: -1 }]);
      // Redis did refuse the script, so the answers above came from the pipeline.
      // (EVALSHA, or EVAL should the script runner change.)
      expect(JSON.stringify(await redis.raw.call("ACL", "LOG"))).toMatch(/"eval(sha)?"/);
    });
  });
});

describe("GET …/keys continuing a walk (the next page is prefetched)", () => {
  /** Two pages of a walk, so the server has prefetched the third; returns its cursor. */
  async function walkTwoPages(query: Record<string, string>) {
    const first = await page({ count: "10", ...query });
    expect(first.cursor).not.toBe("0");
    const second = await page({ count: "10", ...query, cursor: first.cursor });
    expect(second.cursor).not.toBe("0");
    return second.cursor;
  }

  it("never answers one filter's walk with a page prefetched for another", async () => {
    await seed(10_000, "a:");
    await seed(10_000, "b:");
    const p = redis.raw.pipeline();
    for (let i = 0; i < 5000; i++) p.hset(`h:${i}`, "f", "v");
    await p.exec();

    const afterA = await walkTwoPages({ match: "a:*" });
    const b = await page({ match: "b:*", count: "10", cursor: afterA });
    expect(b.keys.length).toBeGreaterThan(0);
    expect(b.keys.filter((k) => !k.key.startsWith("b:"))).toEqual([]);

    const afterStrings = await walkTwoPages({ type: "string" });
    const hashes = await page({ type: "hash", count: "10", cursor: afterStrings });
    expect(hashes.keys.length).toBeGreaterThan(0);
    expect(hashes.keys.filter((k) => k.type !== "hash")).toEqual([]);
  });

  it("answers the same request from the prefetched page as it would have unprefetched", async () => {
    await seed(20_000, "a:");
    // A count no other test here uses, so no page prefetched by an earlier test can answer.
    const query = { match: "a:*", count: "12" };
    const third = await walkTwoPages(query);
    const prefetched = await page({ ...query, cursor: third });
    // The same step again: its prefetched page was taken, so this one is computed afresh.
    const computed = await page({ ...query, cursor: third });
    expect(prefetched).toEqual(computed);
  });
});
