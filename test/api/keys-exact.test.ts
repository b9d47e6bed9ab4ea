import { describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { keysPage } from "@/lib/schemas/keys";
import { asRestrictedUser, b64url, call, withRedisServer } from "../harness";
import * as r from "../routes";

// Exact lookups on the first key page, the walk's progress, and the memory column's endpoint.

const redis = withRedisServer();
const params = { conn: "default", db: "0" };

async function seed(n: number, prefix: string) {
  const p = redis.raw.pipeline();
  for (let i = 0; i < n; i++) p.set(`${prefix}${i}`, "v");
  await p.exec();
}

describe("GET …/keys: exact lookups", () => {
  it("finds a key named without glob characters on the first page, whatever SCAN reached", async () => {
    await seed(20_000, "user:");
    await redis.raw.set("user:4242:session", "v", "EX", 300);
    // A one-key page reaches user:4242:session only by luck; the exact lookup always does.
    const { status, json } = await call(r.keys.GET, {
      params,
      query: { match: "user:4242:session", count: "1" },
    });
    expect(status).toBe(200);
    expect(json.exact).toEqual({ key: "user:4242:session", type: "string", ttl: 300 });
    // Not listed twice: when SCAN finds it on this page too, it is only in `exact`.
    expect(json.keys.map((k: { key: string }) => k.key)).not.toContain("user:4242:session");
    // The browser's form of a bare prefix (a trailing *) looks the prefix up too.
    const prefixed = await call(r.keys.GET, { params, query: { match: "user:42*", count: "1" } });
    expect(prefixed.json.exact).toEqual({ key: "user:42", type: "string", ttl: -1 });
  });

  it("answers exact: null for a missing key or another type, and no field for real globs", async () => {
    await redis.raw.hset("h", "f", "v");
    const missing = await call(r.keys.GET, { params, query: { match: "nope" } });
    expect(missing.json.exact).toBeNull();
    const otherType = await call(r.keys.GET, { params, query: { match: "h", type: "string" } });
    expect(otherType.json.exact).toBeNull();
    const sameType = await call(r.keys.GET, { params, query: { match: "h", type: "hash" } });
    expect(sameType.json.exact).toEqual({ key: "h", type: "hash", ttl: -1 });
    for (const match of ["h*x", "h?", "[h]", "h\\*", "*"]) {
      const { json } = await call(r.keys.GET, { params, query: { match } });
      expect(json, match).not.toHaveProperty("exact");
    }
    // Only the first page: a continued walk does not look it up again.
    await seed(3000, "k:");
    const first = await call(r.keys.GET, { params, query: { match: "h", count: "10" } });
    if (first.json.cursor !== "0") {
      const next = await call(r.keys.GET, {
        params,
        query: { match: "h", cursor: first.json.cursor },
      });
      expect(next.json).not.toHaveProperty("exact");
    }
  });

  it("looks up binary keys byte for byte (match64), never a lookalike", async () => {
    const key = Buffer.from([0x62, 0x69, 0x6e, 0x3a, 0xff, 0xfe, 0x00, 0x01]);
    await redis.raw.set(key, "v");
    // What a lossy decoder would turn the key into: must not be what is found.
    await redis.raw.set(Buffer.from("bin:\uFFFD\uFFFD\u0000\u0001"), "decoy");
    const { json } = await call(r.keys.GET, { params, query: { match64: b64url(key) } });
    const page = keysPage.parse(json);
    expect(page.exact?.key.equals(key)).toBe(true);
    expect(page.exact?.type).toBe("string");
    expect(page.keys.some((k) => k.key.equals(key))).toBe(false);
  });
});

describe("GET …/keys: progress", () => {
  it("says how much of the keyspace a filtered walk has passed, 1 when it is done", async () => {
    await seed(30_000, "p:");
    process.env.KEYSCOPE_SCAN_BUDGET_MS = "1";
    resetConfigForTests();
    try {
      let cursor = "0";
      let last = 0;
      const seen: number[] = [];
      do {
        const { json } = await call(r.keys.GET, {
          params,
          query: { match: "nothing:*", count: "10", cursor },
        });
        expect(json.progress).toBeGreaterThanOrEqual(0);
        expect(json.progress).toBeLessThanOrEqual(1);
        // Never "done" before the walk is, and it goes forward (give or take a rehash).
        if (json.cursor !== "0") expect(json.progress).toBeLessThan(1);
        expect(json.progress).toBeGreaterThanOrEqual(last - 0.05);
        last = json.progress;
        seen.push(json.progress);
        cursor = json.cursor;
      } while (cursor !== "0");
      expect(last).toBe(1);
      expect(seen.length).toBeGreaterThan(2);
      // The estimate is spread over the walk, not stuck at 0 until the end.
      expect(seen.some((p) => p > 0.2 && p < 0.9)).toBe(true);
    } finally {
      delete process.env.KEYSCOPE_SCAN_BUDGET_MS;
      resetConfigForTests();
    }
  });
});

describe("GET …/keys/memory", () => {
  it("gives MEMORY USAGE of the keys asked for, binary ones too, null for gone ones", async () => {
    const bin = Buffer.from([0xff, 0x00, 0x80]);
    await redis.raw.set("small", "x");
    await redis.raw.set(bin, Buffer.alloc(10_000, 1));
    const k = [Buffer.from("small"), bin, Buffer.from("gone")].map((b) => `k=${b64url(b)}`);
    const { status, json } = await call(r.keysMemory.GET, { params, query: k.join("&") });
    expect(status).toBe(200);
    expect(json.keys.map((m: { key: unknown }) => m.key)).toEqual([
      "small",
      { b64: bin.toString("base64") },
      "gone",
    ]);
    const [small, big, gone] = json.keys;
    expect(small.memoryBytes).toBeGreaterThan(0);
    expect(big.memoryBytes).toBeGreaterThan(10_000);
    expect(gone.memoryBytes).toBeNull();
    // Reading writes nothing.
    expect(await redis.raw.dbsize()).toBe(2);
  });

  it("answers null, not an error, where ACLs refuse MEMORY", async () => {
    await redis.raw.set("a", "1");
    await asRestrictedUser(redis, ["-memory"], async () => {
      const { status, json } = await call(r.keysMemory.GET, {
        params,
        query: `k=${b64url(Buffer.from("a"))}`,
      });
      expect(status).toBe(200);
      expect(json.keys).toEqual([{ key: "a", memoryBytes: null }]);
      // The refusal really came from Redis's ACLs.
      const log = (await redis.raw.call("ACL", "LOG")) as unknown[][];
      expect(JSON.stringify(log)).toContain("memory");
    });
  });

  it("refuses more than 200 keys, bad base64 and none at all", async () => {
    const tooMany = Array.from({ length: 201 }, (_, i) => `k=${b64url(Buffer.from(`${i}`))}`);
    expect((await call(r.keysMemory.GET, { params, query: tooMany.join("&") })).status).toBe(400);
    expect((await call(r.keysMemory.GET, { params, query: "k=!!" })).status).toBe(400);
    expect((await call(r.keysMemory.GET, { params })).status).toBe(400);
  });
});

describe("GET …/types", () => {
  it("lists the core types, and no module type the server does not load", async () => {
    const { status, json } = await call(r.serverTypes.GET, { params });
    expect(status).toBe(200);
    expect(json.types).toEqual(
      expect.arrayContaining(["string", "hash", "list", "set", "zset", "stream"]),
    );
    expect(json.types).not.toContain("ReJSON-RL");
    expect(json.any).toBe(false);
  });
});
