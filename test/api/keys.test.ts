import { describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { keysPage } from "@/lib/schemas/keys";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";

const redis = withRedisServer();
const params = { conn: "default", db: "0" };

async function walk(query: Record<string, string>) {
  const seen: Buffer[] = [];
  const pages: number[] = [];
  let cursor = "0";
  do {
    const { status, json } = await call(r.keys.GET, { params, query: { ...query, cursor } });
    expect(status).toBe(200);
    const page = keysPage.parse(json);
    for (const k of page.keys) seen.push(k.key);
    pages.push(page.keys.length);
    cursor = page.cursor;
  } while (cursor !== "0");
  return { seen, pages };
}

async function seed(n: number, prefix = "k:") {
  for (let i = 0; i < n; i += 1000) {
    const p = redis.raw.pipeline();
    for (let j = i; j < Math.min(n, i + 1000); j++) p.set(`${prefix}${j}`, "v");
    await p.exec();
  }
}

describe("GET …/keys", () => {
  it("walks the whole keyspace, every key exactly once, with type and TTL", async () => {
    await seed(5000);
    await redis.raw.hset("h:1", "f", "v");
    await redis.raw.rpush("l:1", "a");
    await redis.raw.set("ttl:1", "v", "EX", 500);
    const { seen } = await walk({ count: "700" });
    const names = seen.map((b) => b.toString());
    expect(names.length).toBe(5003);
    expect(new Set(names).size).toBe(5003);
    const { json } = await call(r.keys.GET, { params, query: { match: "ttl:*" } });
    // The walk above may take a while on a loaded machine; the TTL only ever counts down.
    expect(json.keys).toEqual([{ key: "ttl:1", type: "string", ttl: expect.any(Number) }]);
    expect(json.keys[0].ttl).toBeGreaterThan(490);
    expect(json.keys[0].ttl).toBeLessThanOrEqual(500);
    const hash = await call(r.keys.GET, { params, query: { match: "h:*" } });
    expect(hash.json.keys).toEqual([{ key: "h:1", type: "hash", ttl: -1 }]);
    expect(hash.json.dbsize).toBe(5003);
  });

  it("walks names only with meta=0", async () => {
    await seed(3000);
    const { seen } = await walk({ count: "5000", meta: "0" });
    expect(new Set(seen.map(String)).size).toBe(3000);
    const { json } = await call(r.keys.GET, { params, query: { meta: "0", count: "1" } });
    expect(Object.keys(json.keys[0])).toEqual(["key"]);
  });

  it("filters by glob and by type", async () => {
    await seed(2000, "user:");
    await seed(2000, "order:");
    await redis.raw.hset("user:h", "f", "v");
    const users = await walk({ match: "user:*" });
    expect(users.seen.length).toBe(2001);
    expect(users.seen.every((k) => k.toString().startsWith("user:"))).toBe(true);
    const hashes = await walk({ type: "hash" });
    expect(hashes.seen.map(String)).toEqual(["user:h"]);
  });

  it("answers quickly with a cursor to continue when a filter matches nothing", async () => {
    await seed(200_000);
    // A fast machine scans 200k keys within the default 150 ms; a 5 ms budget stands in for
    // a keyspace of many millions.
    process.env.KEYSCOPE_SCAN_BUDGET_MS = "5";
    resetConfigForTests(); // config is read once; this test changes it mid-file
    const started = Date.now();
    const { status, json } = await call(r.keys.GET, {
      params,
      query: { match: "nothing-matches-*" },
    });
    expect(status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(json.keys).toEqual([]);
    expect(json.cursor).not.toBe("0");
    expect(json.dbsize).toBe(200_000);
    delete process.env.KEYSCOPE_SCAN_BUDGET_MS;
    resetConfigForTests();
    // With the real budget, following the cursor ends the walk: nothing matched anywhere.
    let cursor = json.cursor as string;
    let found = 0;
    while (cursor !== "0") {
      const next = await call(r.keys.GET, {
        params,
        query: { match: "nothing-matches-*", cursor },
      });
      found += next.json.keys.length;
      cursor = next.json.cursor;
    }
    expect(found).toBe(0);
  });

  it("refuses bad parameters with 400 and the error shape", async () => {
    for (const query of [
      { count: "0" },
      { count: "5001" },
      { count: "abc" },
      { meta: "2" },
      { cursor: "x" },
      { type: "a b" },
      { bogus: "1" },
    ]) {
      const { status, json } = await call(r.keys.GET, { params, query });
      expect(status, JSON.stringify(query)).toBe(400);
      expect(json.error.code).toBe("BAD_REQUEST");
      expect(typeof json.error.message).toBe("string");
    }
  });

  it("404s an unknown connection or database", async () => {
    const conn = await call(r.keys.GET, { params: { conn: "nope", db: "0" } });
    expect(conn.status).toBe(404);
    expect(conn.json.error.code).toBe("NOT_FOUND");
    const db = await call(r.keys.GET, { params: { conn: "default", db: "16" } });
    expect(db.status).toBe(404);
    const bad = await call(r.keys.GET, { params: { conn: "default", db: "x" } });
    expect(bad.status).toBe(400);
  });

  it("scans another database than 0", async () => {
    await redis.raw.select(3);
    await redis.raw.set("in-three", "1");
    await redis.raw.select(0);
    const { json } = await call(r.keys.GET, { params: { conn: "default", db: "3" } });
    expect(json.keys).toEqual([{ key: "in-three", type: "string", ttl: -1 }]);
    const dbs = await call(r.databases.GET, { params: { conn: "default" } });
    expect(dbs.json.databases).toHaveLength(16);
    expect(dbs.json.databases[3]).toMatchObject({ db: 3, keys: 1 });
  });
});

describe("GET …/keys/meta", () => {
  it("gives type and TTL of the keys asked for, binary ones too, and says which are gone", async () => {
    await redis.raw.set("a", "1", "EX", 100);
    await redis.raw.hset(Buffer.from([0xff, 0x01]), "f", "v");
    const k = [Buffer.from("a"), Buffer.from([0xff, 0x01]), Buffer.from("gone")]
      .map((b) => `k=${b.toString("base64url")}`)
      .join("&");
    const { status, json } = await call(r.keysMeta.GET, { params, query: k });
    expect(status).toBe(200);
    expect(json.keys).toEqual([
      { key: "a", type: "string", ttl: 100 },
      { key: { b64: "/wE=" }, type: "hash", ttl: -1 },
      { key: "gone", type: "none", ttl: -2 },
    ]);
    const tooMany = Array.from(
      { length: 201 },
      (_, i) => `k=${Buffer.from(String(i)).toString("base64url")}`,
    ).join("&");
    expect((await call(r.keysMeta.GET, { params, query: tooMany })).status).toBe(400);
    expect((await call(r.keysMeta.GET, { params, query: "k=!!" })).status).toBe(400);
    expect((await call(r.keysMeta.GET, { params })).status).toBe(400);
  });
});
