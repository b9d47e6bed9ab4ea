import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PyTuple, pickle, pyJson, pyRepr } from "@/scripts/lib/python-formats.mjs";
import { type RedisProcess, startRedis } from "@/scripts/lib/redis-server.mjs";
import { type FixtureEntry, loadFixture, seedDemo } from "@/scripts/lib/seed-demo.mjs";

// Seeds one throwaway redis-server (small mode, ~4 s) and checks what the demo promises.

let server: RedisProcess;
let redis: Redis;
let seeded: { ms: number; keys: number };
let seedStarted = 0;
const fixture = loadFixture();
const b64 = (s: string) => Buffer.from(s, "base64");

beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.url, { protocol: 2 });
  seedStarted = Date.now();
  seeded = await seedDemo(redis, { big: false, log: () => {} });
});

afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

/** The value of any fixture type, read back as the fixture spells it. */
async function readBack(e: FixtureEntry): Promise<unknown> {
  const key = b64(e.key);
  const enc = (b: Buffer) => b.toString("base64");
  switch (e.type) {
    case "string":
      return enc((await redis.getBuffer(key)) ?? Buffer.alloc(0));
    case "list":
      return (await redis.lrangeBuffer(key, 0, -1)).map(enc);
    case "set":
      return (await redis.smembersBuffer(key)).map(enc).sort();
    case "hash":
    case "zset": {
      // Read raw replies: ioredis' typed helpers turn hash fields into (lossy) JS strings.
      const flat = (await redis.callBuffer(
        e.type === "hash" ? "HGETALL" : "ZRANGE",
        ...(e.type === "hash" ? [key] : [key, 0, -1, "WITHSCORES"]),
      )) as Buffer[];
      const pairs: [string, string | number][] = [];
      for (let i = 0; i < flat.length; i += 2) {
        const second = flat[i + 1] as Buffer;
        pairs.push([
          enc(flat[i] as Buffer),
          e.type === "hash" ? enc(second) : Number(second.toString()),
        ]);
      }
      return pairs;
    }
  }
}

describe("seedDemo", () => {
  it("writes every fixture key with its type, bytes and TTL, in its db", async () => {
    expect(fixture.length).toBeGreaterThan(20);
    // The fixture is written first, so its TTLs have been ticking since the seed started.
    const slack = Math.ceil((Date.now() - seedStarted) / 1000) + 2;
    try {
      for (const e of fixture) {
        const label = `db ${e.db} ${JSON.stringify(b64(e.key).toString("latin1"))}`;
        await redis.select(e.db);
        expect(await redis.type(b64(e.key)), label).toBe(e.type);
        const expected = e.type === "set" ? [...e.value].sort() : e.value;
        expect(await readBack(e), label).toEqual(expected);
        const ttl = await redis.ttl(b64(e.key));
        if (e.ttl < 0) expect(ttl, label).toBe(-1);
        else expect(ttl, label).toBeGreaterThanOrEqual(e.ttl - slack);
        if (e.ttl > 0) expect(ttl, label).toBeLessThanOrEqual(e.ttl);
      }
    } finally {
      await redis.select(0);
    }
  });

  it("writes a key that is not UTF-8, byte-exact", async () => {
    const key = Buffer.from([0xff, 0xfe, 0x00, 0x41]);
    expect(await redis.type(key)).toBe("string");
    // SCAN must hand back the very same bytes, not a replacement-character mangled copy.
    const found: Buffer[] = [];
    let cursor = "0";
    do {
      // scanBuffer's types want a string pattern, which ioredis would UTF-8 encode.
      const pattern = Buffer.from([0xff, 0x2a]);
      const reply = await redis.callBuffer("SCAN", cursor, "MATCH", pattern, "COUNT", 10_000);
      const [next, keys] = reply as [Buffer, Buffer[]];
      cursor = next.toString();
      found.push(...keys);
    } while (cursor !== "0");
    expect(found.some((k) => k.equals(key))).toBe(true);
    expect(
      await redis.exists("", "ключ:🗝", "key with\nnewline", "url:/search?q=redis&page=2#top%20"),
    ).toBe(4);
  });

  it("leaves the stream's consumer group with pending entries", async () => {
    expect(await redis.xlen("app:events")).toBe(5000);
    const [count, , , consumers] = (await redis.xpending("app:events", "workers")) as [
      number,
      string,
      string,
      [string, string][],
    ];
    expect(count).toBe(90);
    expect(consumers.map(([name]) => name).sort()).toEqual(["worker-a", "worker-b"]);
  });

  it("fills the Celery queue with kombu envelopes", async () => {
    expect(await redis.llen("celery")).toBe(200);
    const raw = await redis.lindex("celery", -1);
    const message = JSON.parse(raw ?? "{}");
    expect(message.headers.task).toMatch(/^app\.tasks\./);
    expect(message.properties.body_encoding).toBe("base64");
    const body = JSON.parse(Buffer.from(message.body, "base64").toString());
    expect(body).toHaveLength(3);
    expect(await redis.smembers("_kombu.binding.celery")).toEqual(["celery\x06\x16\x06\x16celery"]);
    expect(await redis.llen("celery\x06\x163")).toBeGreaterThan(0);
  });

  it("writes Django sessions as pickles with the sessions' TTL", async () => {
    const [, keys] = await redis.scan(
      "0",
      "MATCH",
      ":1:django.contrib.sessions.cache*",
      "COUNT",
      200_000,
    );
    expect(keys.length).toBeGreaterThanOrEqual(300);
    const key = keys.find((k) => /^:1:django\.contrib\.sessions\.cache[a-z0-9]{32}$/.test(k));
    expect(key).toBeDefined();
    const value = await redis.getBuffer(key as string);
    expect(value?.[0]).toBe(0x80);
    expect(await redis.ttl(key as string)).toBeGreaterThan(1209600 - 60);
  });

  it("writes real volume in db 0 and some keys in dbs 1 and 2, without the big keys", async () => {
    expect(seeded.keys).toBeGreaterThan(100_000);
    expect(await redis.dbsize()).toBeGreaterThan(100_000);
    expect(await redis.type("app:user:1")).toBe("hash");
    expect(await redis.zcard("app:leaderboard:weekly")).toBe(10_000);
    expect(await redis.exists("big:hash:1m", "big:string:20mb")).toBe(0);
    const sizes = await redis.pipeline().select(1).dbsize().select(2).dbsize().select(0).exec();
    expect(sizes?.[1]?.[1]).toBeGreaterThan(2);
    expect(sizes?.[3]?.[1]).toBeGreaterThan(7);
  });

  it("refuses to seed a Redis that already holds keys", async () => {
    await expect(seedDemo(redis, { big: false, log: () => {} })).rejects.toThrow(/already holds/);
  });
});

describe("python formats", () => {
  const fixtureValue = (key: string) => {
    const e = fixture.find((x) => b64(x.key).toString("latin1") === key);
    if (!e) throw new Error(`fixture has no ${key}`);
    return e.value as string | string[];
  };

  it("pickles like CPython's protocol 4 (the fixture's Django session and profile)", () => {
    const session = pickle({ _auth_user_id: "23", cart: ["book-9", "pen-3"] });
    expect(session.toString("base64")).toBe(
      fixtureValue(":1:django.contrib.sessions.cache5t1v7mhcijurnavmofv5zlea3bt3yf68"),
    );
    const profile = pickle({ name: "Grace Hopper", visits: 3, tags: ["navy", "compilers"] });
    expect(profile.toString("base64")).toBe(fixtureValue(":1:profile:7"));
    expect(pickle(true).toString("base64")).toBe(fixtureValue(":1:flag"));
    expect(pickle(-1180591620717411303424n).subarray(0, 2)).toEqual(Buffer.from([0x80, 4]));
  });

  it("writes JSON and repr() like CPython (the fixture's Celery message)", () => {
    const [raw] = fixtureValue("celery") as string[];
    const text = b64(raw as string).toString();
    expect(pyJson(JSON.parse(text))).toBe(text);
    expect(pyRepr(new PyTuple([501]))).toBe("(501,)");
    expect(pyRepr({ email: "grace@example.org" })).toBe("{'email': 'grace@example.org'}");
  });
});
