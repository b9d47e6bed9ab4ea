import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { hinterFor } from "@/lib/apps/hints";
import { recogniseKey } from "@/lib/apps/registry";
import { DECODERS, DECOMPRESSORS } from "@/lib/decode/registry";
import { call, withRedisServer } from "../harness";
import { loadPythonApps, PYTHON_APPS } from "../python-apps";
import * as r from "../routes";

// `app` on GET …/key (lib/apps): each framework's keys, on a real Redis with the real types,
// and keys that only look like them. Read-only mode: every call here, the Celery page's
// included, is a read and must be allowed.

const redis = withRedisServer({ env: { KEYSCOPE_READ_ONLY: "1" } });
const params = { conn: "default", db: "0" };

async function appOf(key: string | Buffer, db = "0") {
  const query = typeof key === "string" ? { key } : { key64: key.toString("base64url") };
  const res = await call(r.key.GET, { params: { ...params, db }, query });
  expect(res.status).toBe(200);
  return res.json.app;
}

describe("GET …/key → app", () => {
  it("names the Django keys of the fixture (Django 5.2, django-redis)", async () => {
    await loadPythonApps(redis.server.url, [0, 1]);
    expect(await appOf(":1:counter")).toMatchObject({
      framework: "django",
      kind: "cache",
      prefix: "",
      version: 1,
      key: "counter",
    });
    expect(await appOf(":2:feature")).toMatchObject({ kind: "cache", version: 2 });
    const session = await appOf(":1:django.contrib.sessions.cache5t1v7mhcijurnavmofv5zlea3bt3yf68");
    expect(session).toMatchObject({
      framework: "django",
      kind: "session",
      engine: "cache",
      sessionKey: "5t1v7mhcijurnavmofv5zlea3bt3yf68",
    });
    const url = "0869e56fd9f8426621502985cd316396";
    const page = await appOf(
      `:1:views.decorators.cache.cache_page..GET.${url}.d41d8cd98f00b204e9800998ecf8427e.en-us.America/Chicago`,
    );
    expect(page).toMatchObject({
      kind: "cache_page",
      method: "GET",
      urlMd5: url,
      lang: "en-us",
      tz: "America/Chicago",
      about: `Django cache_page: the cached response of GET 0869e56f… for en-us, America/Chicago (the URL's MD5 is ${url})`,
    });
    expect(
      await appOf(`:1:views.decorators.cache.cache_header..${url}.en-us.America/Chicago`),
    ).toMatchObject({
      kind: "cache_header",
      urlMd5: url,
    });
    await redis.raw.set(":1:template.cache.sidebar.d41d8cd98f00b204e9800998ecf8427e", "x");
    expect(await appOf(":1:template.cache.sidebar.d41d8cd98f00b204e9800998ecf8427e")).toMatchObject(
      { kind: "template_fragment", fragment: "sidebar" },
    );
    await redis.raw.set("myapp:3:django.contrib.sessions.cached_dbabcdefgh12345678", "x");
    expect(await appOf("myapp:3:django.contrib.sessions.cached_dbabcdefgh12345678")).toMatchObject({
      kind: "session",
      engine: "cached_db",
      prefix: "myapp",
      version: 3,
    });
  });

  it("names the Celery broker's and result backend's keys", async () => {
    await loadPythonApps(redis.server.url, [2, 3]);
    expect(await appOf("celery", "2")).toMatchObject({
      framework: "celery",
      kind: "queue",
      queue: "celery",
    });
    expect(await appOf("celery\x06\x163", "2")).toMatchObject({
      kind: "priority_queue",
      queue: "celery",
      priority: 3,
    });
    // `media` is a plain list name: a Celery queue only because _kombu.binding.media names it.
    expect(await appOf("media", "2")).toMatchObject({
      kind: "queue",
      queue: "media",
      about: expect.stringContaining("_kombu.binding.media"),
    });
    expect(await appOf("_kombu.binding.celery", "2")).toMatchObject({
      kind: "binding",
      exchange: "celery",
    });
    expect(await appOf("celery-task-meta-failed-task-1", "3")).toMatchObject({
      kind: "result",
      taskId: "failed-task-1",
    });
  });

  it("names Sidekiq, BullMQ, RQ, connect-redis, Spring Session, Laravel and Rails keys", async () => {
    const x = redis.raw;
    await x.lpush("queue:default", '{"class":"HardJob"}');
    await x.sadd("queues", "default");
    await x.zadd("retry", 1, "{}");
    await x.lpush("bull:emails:wait", "1");
    await x.hset("bull:emails:1", "name", "send", "data", "{}");
    await x.xadd("bull:emails:events", "*", "event", "added");
    await x.hset("rq:job:9f1c", "status", "queued");
    await x.lpush("rq:queue:default", "9f1c");
    await x.zadd("rq:failed:default", 1, "9f1c");
    await x.set("sess:Yk3mM2c1T0i7pHq_f2Jb9x0aZbQ1cD3e", '{"cookie":{}}');
    await x.hset("spring:session:sessions:4a1e", "creationTime", "1");
    await x.set("laravel_database_laravel_cache_:settings", 's:2:"on";');
    await x.lpush("laravel_database_queues:default", "{}");
    await x.set(`_session_id:2::${"a".repeat(64)}`, "\x04\x08");
    const cases: [string, string, string][] = [
      ["queue:default", "sidekiq", "queue"],
      ["queues", "sidekiq", "queues"],
      ["retry", "sidekiq", "retry"],
      ["bull:emails:wait", "bullmq", "wait"],
      ["bull:emails:1", "bullmq", "job"],
      ["bull:emails:events", "bullmq", "events"],
      ["rq:job:9f1c", "rq", "job"],
      ["rq:queue:default", "rq", "queue"],
      ["rq:failed:default", "rq", "registry"],
      ["sess:Yk3mM2c1T0i7pHq_f2Jb9x0aZbQ1cD3e", "connect-redis", "session"],
      ["spring:session:sessions:4a1e", "spring-session", "session"],
      ["laravel_database_laravel_cache_:settings", "laravel", "cache"],
      ["laravel_database_queues:default", "laravel", "queue"],
      [`_session_id:2::${"a".repeat(64)}`, "rails", "session"],
    ];
    for (const [key, framework, kind] of cases) {
      const app = await appOf(key);
      expect(app, key).toMatchObject({ framework, kind });
      expect(app.about.length, key).toBeGreaterThan(10);
    }
  });

  it("does not take look-alikes or bytes that are not text for framework keys", async () => {
    const x = redis.raw;
    const notText = Buffer.concat([Buffer.from(":1:"), Buffer.from([0xff, 0xfe])]);
    await x.set(notText, "x");
    await x.set(Buffer.concat([Buffer.from("celery-task-meta-"), Buffer.from([0xc3, 0x28])]), "{}");
    await x.set("user:1:profile", "x"); // an app's own namespace, shaped like a prefixed Django key
    await x.set(":x:counter", "1"); // version not digits
    await x.hset(":1:counter", "f", "v"); // Django's cache stores strings only
    await x.lpush("celeryx", "{}"); // a list named almost like the default queue
    await x.lpush("emails", "{}"); // a list no binding names
    await x.set("celery", "a string, not a queue");
    await x.set("queues", "x"); // Sidekiq's set name, but a string
    await x.hset("unacked", "a", "b"); // a hash named like kombu's, alone is claimed…
    await x.set("bull:emails:wait", "x"); // BullMQ's wait list name on a string
    expect(await appOf(notText)).toBeUndefined();
    expect(
      await appOf(Buffer.concat([Buffer.from("celery-task-meta-"), Buffer.from([0xc3, 0x28])])),
    ).toBeUndefined();
    for (const key of [
      "user:1:profile",
      ":x:counter",
      ":1:counter",
      "celeryx",
      "emails",
      "celery",
      "queues",
      "bull:emails:wait",
    ])
      expect(await appOf(key), key).toBeUndefined();
    expect((await appOf("unacked"))?.kind).toBe("unacked");
  });

  it("recognises every fixture key's framework from its bytes without Redis (a few µs a key)", () => {
    const keys = PYTHON_APPS.map((k) => ({ key: Buffer.from(k.key, "base64"), type: k.type }));
    const started = performance.now();
    for (let i = 0; i < 1000; i++) for (const k of keys) recogniseKey(k.key, k.type);
    const perKey = ((performance.now() - started) * 1000) / (1000 * keys.length);
    console.log(`recogniseKey: ${perKey.toFixed(2)} µs a key`);
    expect(perKey).toBeLessThan(20);
    const named = keys.filter((k) => recogniseKey(k.key, k.type)).length;
    // All but the django-redis keys with a KEY_PREFIX (gz:1:blob … : indistinguishable from
    // an app's own `user:1:name`) and the broker's bound queues (named by a binding, in Redis).
    expect(named).toBe(keys.length - 6 - 2);
  });
});

describe("the Celery page's reads in read-only mode", () => {
  it("are all allowed", async () => {
    await loadPythonApps(redis.server.url, [2, 3]);
    const p = { conn: "default", db: "2" };
    expect((await call(r.celery.GET, { params: p })).status).toBe(200);
    expect((await call(r.celeryMessages.GET, { params: { ...p, name: "celery" } })).status).toBe(
      200,
    );
    expect((await call(r.celeryUnacked.GET, { params: p })).status).toBe(200);
    expect((await call(r.celeryResults.GET, { params: { ...p, db: "3" } })).status).toBe(200);
  });
});

describe("decode hints by key", () => {
  const hint = (key: string, type: string, value: Buffer | string) =>
    hinterFor(Buffer.from(key), type)?.(Buffer.from(value));
  it("hints the chain a framework writes, and only a compression whose magic bytes are there", () => {
    expect(hint(":1:menu", "string", "(dp0\nS'a'\np1\nI1\ns.")).toEqual({ format: "pickle" });
    expect(hint(":1:counter", "string", "42")).toBeUndefined(); // Django stores ints as digits
    expect(hint(":1:big", "string", Buffer.from([0x78, 0x9c, 1, 2]))).toEqual({
      compression: "zlib",
      format: "pickle",
    });
    expect(hint("rq:job:9f1c", "hash", Buffer.from([0x78, 0x9c, 1]))).toEqual({
      compression: "zlib",
      format: "pickle",
    });
    expect(hint("rq:job:9f1c", "hash", "queued")).toBeUndefined();
    expect(hint("laravel_database_laravel_cache_:s", "string", 's:12:"a:1:{i:0;i:1;}";')).toEqual({
      format: "php",
    });
    expect(hint("user:1:profile", "string", "(dp0\n.")).toBeUndefined();
  });
});

describe("decode hints through the value route", () => {
  const decoded = async (key: string) =>
    (await call(r.value.GET, { params, query: { key, decode: "1" } })).json;
  // Which readers main has decides the answer; both answers are checked.
  const hasPickle = DECODERS.some((d) => d.format === "pickle");
  const hasZlib = DECOMPRESSORS.some((d) => d.name === "zlib");

  it("reads a protocol-0 pickle only because the key is Django's", async () => {
    const p0 = "(dp0\nVname\np1\nVGrace\np2\ns.";
    await redis.raw.set(":1:legacy", p0);
    await redis.raw.set("legacy", p0);
    expect((await decoded("legacy")).decoded).toBeNull(); // no magic bytes: not guessed
    const django = (await decoded(":1:legacy")).decoded;
    if (hasPickle) {
      expect(django).toMatchObject({ format: "pickle", chain: ["pickle"] });
      expect(django.text).toContain("Grace");
    } else expect(django).toBeNull();
  });

  it("reads an RQ job's data as zlib then pickle", async () => {
    const data = deflateSync(Buffer.from("(S'mail.send'\np0\nNN(I7\ntp1\n(dp2\ntp3\n."));
    await redis.raw.hset("rq:job:abc", "data", data, "status", "queued");
    const page = (await decoded("rq:job:abc")).entries;
    const byField = Object.fromEntries(page.map((e: any) => [e.field, e.decoded]));
    expect(byField.status).toBeNull();
    if (hasZlib && hasPickle) {
      expect(byField.data).toMatchObject({ chain: ["zlib", "pickle"] });
      expect(byField.data.text).toContain("mail.send");
    } else if (!hasZlib) expect(byField.data.error).toMatch(/zlib is not available/);
  });
});
