import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PyFloat, pickle } from "@/scripts/lib/python-formats.mjs";
import { type RedisProcess, startRedis } from "@/scripts/lib/redis-server.mjs";
import { type FixtureEntry, loadFixture, seedDemo } from "@/scripts/lib/seed-demo.mjs";
import { className, djangoResponse, newArgs, unpickle } from "@/test/pickles";

// Seeds one throwaway redis-server (small mode, ~4 s) and checks what the demo promises.

let server: RedisProcess;
let redis: Redis;
let seeded: { ms: number; keys: number };
let seedStarted = 0;
const fixture = loadFixture();
const b64 = (s: string) => Buffer.from(s, "base64");
// The fixture's own keys (real Django pickles) are checked byte for byte in the first test.
const fromFixture = new Set(fixture.map((e) => b64(e.key).toString("latin1")));

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

/** Every key of the current db matching the pattern, by a full SCAN. */
async function scanAll(pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, found] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 10_000);
    keys.push(...found);
    cursor = next;
  } while (cursor !== "0");
  return keys;
}

async function getBuffer(key: string): Promise<Buffer> {
  const value = await redis.getBuffer(key);
  if (!value) throw new Error(`no string at ${key}`);
  return value;
}

/** A key's value, unpickled by a real unpickler after checking its framing. */
async function readPickle(key: string): Promise<unknown> {
  return unpickle(await getBuffer(key));
}

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
    const keys = await scanAll(":1:django.contrib.sessions.cache*");
    const generated = keys
      .filter((k) => !fromFixture.has(k))
      .filter((k) => /^:1:django\.contrib\.sessions\.cache[a-z0-9]{32}$/.test(k));
    expect(generated).toHaveLength(300);
    const sessions = await Promise.all(generated.map(readPickle));
    const loggedIn = sessions.filter((s) => "_auth_user_id" in (s as object));
    expect(loggedIn.length).toBeGreaterThan(150);
    for (const session of sessions) {
      if (!loggedIn.includes(session)) {
        expect(session).toEqual({
          django_language: expect.stringMatching(/^(en|de|fr|ja)$/),
          visits: expect.any(Number),
        });
        continue;
      }
      expect(session).toEqual({
        _auth_user_id: expect.stringMatching(/^\d+$/),
        _auth_user_backend: "django.contrib.auth.backends.ModelBackend",
        _auth_user_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        cart: expect.any(Array),
        last_visit: expect.any(Date),
      });
      for (const item of (session as { cart: unknown[] }).cart)
        expect(item).toMatch(/^[a-z ]+-\d+$/);
    }
    // What was read pickles back to the very bytes stored: nothing in them but that structure,
    // written as CPython writes it (python-formats.test.ts holds pickle() to CPython's bytes).
    for (const key of generated) {
      expect(pickle(await readPickle(key)).equals(await getBuffer(key)), key).toBe(true);
    }
    expect(await redis.ttl(generated[0] as string)).toBeGreaterThan(1209600 - 60);
  });

  it("writes django-redis cache entries that unpickle to what Django would have stored", async () => {
    const headers = await scanAll(":1:views.decorators.cache.cache_header..*.en-us.UTC");
    const pages = await scanAll(":1:views.decorators.cache.cache_page..GET.*.en-us.UTC");
    expect(headers).toHaveLength(150);
    expect(pages).toHaveLength(150);
    for (const key of headers) {
      const vary = await readPickle(key);
      expect([[], ["HTTP_COOKIE"]], key).toContainEqual(vary);
    }
    for (const key of pages) {
      const response = (await readPickle(key)) as any;
      expect(className(response), key).toBe("django.http.response.HttpResponse");
      const store = response.headers._store;
      const maxAge = Number(/^max-age=(\d+)$/.exec(store["cache-control"][1])?.[1]);
      const [body] = response._container as Buffer[];
      // The response Django 5.2 pickles (the fixture's shape), with this entry's values.
      const expected = djangoResponse(store.expires[1], maxAge, body as Buffer);
      expect(pickle(expected).equals(await getBuffer(key)), key).toBe(true);
      expect(body?.toString()).toMatch(/^<html><body><h1>\/[^<]*<\/h1>/);
      expect(new Date(store.expires[1]).toUTCString()).toBe(store.expires[1]);
      expect(maxAge).toBeGreaterThanOrEqual(60);
    }

    const fragments = await scanAll(":1:template.cache.*");
    expect(fragments).toHaveLength(80);
    for (const key of fragments) {
      const html = await readPickle(key);
      expect(className(html), key).toBe("django.utils.safestring.SafeString");
      expect(newArgs(html), key).toEqual([expect.stringMatching(/^<div class="[a-z-]+">…/)]);
    }

    const products = await scanAll(":1:product:*");
    expect(products).toHaveLength(120);
    for (const key of products) {
      const product = (await readPickle(key)) as Record<string, unknown>;
      expect(product, key).toEqual({
        id: Number(key.split(":").at(-1)),
        name: expect.any(String),
        price: expect.any(Number),
        tags: [expect.any(String), "sale"],
        updated: expect.any(Date),
      });
      // The price is a Python float even when it is whole (BINFLOAT, not an int).
      const rebuilt = { ...product, price: new PyFloat(product.price as number) };
      expect(pickle(rebuilt).equals(await getBuffer(key)), key).toBe(true);
    }
  });

  it("writes db 1's blog articles as pickled dicts", async () => {
    await redis.select(1);
    try {
      const articles = await scanAll(":1:blog:article:*");
      expect(articles).toHaveLength(500);
      for (const key of articles) {
        const article = await readPickle(key);
        expect(article, key).toEqual({
          title: expect.stringMatching(/ article \d+$/),
          published: expect.any(Date),
          views: expect.any(Number),
        });
        expect(pickle(article).equals(await getBuffer(key)), key).toBe(true);
      }
    } finally {
      await redis.select(0);
    }
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
