import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Redis } from "ioredis";
import { beforeAll, describe, expect, it } from "vitest";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";

// fixtures/python-apps.json: what Django 5.2 and Celery 5.6 really wrote, with the strings each
// value must reveal. Every key is loaded byte for byte into the test server's dbs 0-3 and read
// back through the API with decode=1; each `mustShow` string must be in its decodings (or in
// the raw value when that is plain text, as Django stores ints), and recognised keys name
// their app.

type Entry = {
  db: number;
  key: string;
  type: string;
  ttl: number;
  value: string | string[] | [string, string | number][];
  mustShow: string[];
};
const fixture = JSON.parse(
  readFileSync(join(__dirname, "..", "..", "fixtures", "python-apps.json"), "utf8"),
) as { keys: Entry[] };
const b = (s: string) => Buffer.from(s, "base64");

const redis = withRedisServer({ flush: false });

beforeAll(async () => {
  await redis.raw.flushall();
  const client = new Redis(redis.server.url, { protocol: 2 });
  for (const e of fixture.keys) {
    await client.select(e.db);
    const key = b(e.key);
    if (e.type === "string") await client.set(key, b(e.value as string));
    else if (e.type === "list") await client.rpush(key, ...(e.value as string[]).map(b));
    else if (e.type === "set") await client.sadd(key, ...(e.value as string[]).map(b));
    else if (e.type === "hash")
      for (const [f, v] of e.value as [string, string][]) await client.hset(key, b(f), b(v));
    else if (e.type === "zset")
      for (const [m, s] of e.value as [string, number][]) await client.zadd(key, s, b(m));
    if (e.ttl > 0) await client.expire(key, e.ttl);
  }
  client.disconnect();
});

/** Every text a reader of the value's app would see: decodings, else the raw value as text. */
function shownTexts(json: any): string[] {
  const out: string[] = [];
  const raw = (v: unknown) => (typeof v === "string" ? v : "");
  const add = (d: any, rawValue: unknown) =>
    out.push(d ? `${d.summary}\n${d.text}` : raw(rawValue));
  if (json.type === "string") add(json.decoded, json.value);
  if (json.type === "list") for (const [i, v] of json.items.entries()) add(json.decoded[i], v);
  if (json.type === "set") for (const [i, v] of json.members.entries()) add(json.decoded[i], v);
  if (json.type === "hash") for (const e of json.entries) add(e.decoded, e.value);
  if (json.type === "zset") for (const m of json.members) add(m.decoded, m.member);
  return out;
}

describe("fixtures/python-apps.json through decode=1", () => {
  for (const e of fixture.keys) {
    const name = JSON.stringify(b(e.key).toString("latin1"));
    it(`db ${e.db} ${name} reveals ${JSON.stringify(e.mustShow)}`, async () => {
      const params = { conn: "default", db: String(e.db) };
      const query = { key64: b(e.key).toString("base64url"), decode: "1", count: "500" };
      const res = await call(r.value.GET, { params, query });
      expect(res.status).toBe(200);
      const shown = shownTexts(res.json).join("\n");
      for (const s of e.mustShow) expect(shown).toContain(s);
    });
  }

  it("sums a Django session up with its user", async () => {
    const key = ":1:django.contrib.sessions.cache5t1v7mhcijurnavmofv5zlea3bt3yf68";
    const res = await call(r.value.GET, {
      params: { conn: "default", db: "0" },
      query: { key, decode: "1" },
    });
    expect(res.json.decoded.summary).toBe("Django session · user 23 · 2 items");
  });

  it("names the app of Django and Celery keys", async () => {
    const info = async (db: number, key: string) =>
      (await call(r.key.GET, { params: { conn: "default", db: String(db) }, query: { key } })).json;
    expect((await info(0, ":1:counter")).app).toMatchObject({ framework: "django", kind: "cache" });
    expect(
      (await info(0, ":1:django.contrib.sessions.cache5t1v7mhcijurnavmofv5zlea3bt3yf68")).app,
    ).toMatchObject({ framework: "django", kind: "session" });
    expect((await info(2, "_kombu.binding.celery")).app).toMatchObject({ framework: "celery" });
    expect(
      (await info(3, "celery-task-meta-3dad9dd0-06e2-4541-884a-5448a74ecae0")).app,
    ).toMatchObject({ framework: "celery", kind: "result" });
  });
});
