import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { globMatches as globMatch } from "@/lib/glob";
import { closeAllStreams } from "@/lib/redis/stream-slots";
import { asRestrictedUser, b64url, send, withRedisServer } from "../harness";
import * as r from "../routes";
import { openStream, type SseEvent } from "../sse";

const redis = withRedisServer();
const db = { conn: "default", db: "0" };
const odd = Buffer.from([0xff, 0x00, 0xfe]);
const b64 = (b: Buffer) => ({ b64: b.toString("base64") });
const isEvent = (e: SseEvent) => "event" in e.data;

afterEach(() => closeAllStreams());

const open = (query: string, params = db) => openStream(r.keyspaceEvents.GET, { params, query });

describe("keyspace events", () => {
  it("says first that notifications are off, as the server has them", async () => {
    await redis.raw.config("SET", "notify-keyspace-events", "");
    const { stream, first } = await open("");
    expect(first.data).toEqual({ status: { notifyKeyspaceEvents: "", enabled: false } });
    await stream.cancel();
  });

  it("streams set/del/expire/expired for matching keys only, binary keys exact (K and E both on: once each)", async () => {
    await redis.raw.config("SET", "notify-keyspace-events", "KEA");
    const { stream, first } = await open(
      `match64=${b64url(Buffer.concat([odd, Buffer.from("*")]))}`,
    );
    expect(first.data.status.enabled).toBe(true);
    expect(first.data.status.notifyKeyspaceEvents).toMatch(/K/);
    const key = Buffer.concat([odd, Buffer.from(":1")]);
    await redis.raw.set("other", "x"); // not matched
    await redis.raw.set(key, "v");
    await redis.raw.pexpire(key, 50);
    await stream.next((e) => e.data.event === "expired", 3000);
    await redis.raw.set(key, "again");
    await redis.raw.del(key);
    await stream.next((e) => e.data.event === "del");
    const events = stream.events.filter(isEvent);
    expect(events.map((e) => e.data.event)).toEqual(["set", "expire", "expired", "set", "del"]);
    for (const e of events) expect(e.data.key).toEqual(b64(key));
    await stream.cancel();
  });

  it("with only E on, matches keys itself; with only K on, uses the keyspace channel", async () => {
    await redis.raw.config("SET", "notify-keyspace-events", "E$g");
    const [, flags] = (await redis.raw.config("GET", "notify-keyspace-events")) as string[];
    const a = await open("match=user:*");
    expect(a.first.data.status).toEqual({ notifyKeyspaceEvents: flags, enabled: true });
    await redis.raw.set("order:1", "x");
    await redis.raw.set("user:1", "x");
    const got = await a.stream.next(isEvent);
    expect(got.data).toMatchObject({ event: "set", key: "user:1" });
    await a.stream.cancel();

    await redis.raw.config("SET", "notify-keyspace-events", "K$");
    const b = await open("match=user:*");
    await redis.raw.set("order:2", "x");
    await redis.raw.set("user:2", "x");
    expect((await b.stream.next(isEvent)).data).toMatchObject({ event: "set", key: "user:2" });
    await b.stream.cancel();
  });

  it("listens to its own db only", async () => {
    await redis.raw.config("SET", "notify-keyspace-events", "KA");
    const { stream } = await open("", { conn: "default", db: "1" });
    await redis.raw.set("in-db-0", "x");
    await redis.raw.select(1);
    await redis.raw.set("in-db-1", "x");
    await redis.raw.select(0);
    const got = await stream.next(isEvent);
    expect(got.data.key).toBe("in-db-1");
    expect(stream.events.filter(isEvent)).toHaveLength(1);
    await stream.cancel();
  });

  it("refuses a hostile or malformed match (400) and an unknown db (404)", async () => {
    for (const query of [
      `match=${encodeURIComponent(`*${"?".repeat(65)}`)}`,
      "match64=%%",
      "x=1",
    ]) {
      const res = await send(r.keyspaceEvents.GET, { params: db, query });
      expect(res.status).toBe(400);
    }
    const res = await send(r.keyspaceEvents.GET, { params: { conn: "default", db: "99" } });
    expect(res.status).toBe(404);
  });

  it("says the setting is unknown when CONFIG is refused, and listens all the same", async () => {
    await redis.raw.config("SET", "notify-keyspace-events", "KA");
    await asRestrictedUser(redis, ["-config"], async () => {
      const { stream, first } = await open("match=k*");
      expect(first.data.status.notifyKeyspaceEvents).toBeNull();
      expect(first.data.status.enabled).toBeNull();
      expect(first.data.status.message).toMatch(/CONFIG GET/);
      await redis.raw.set("k1", "v");
      expect((await stream.next(isEvent)).data).toMatchObject({ event: "set", key: "k1" });
      await stream.cancel();
      closeAllStreams();
    });
  });

  it("matches keys (keyevent channel) exactly as Redis's own glob does", async () => {
    // Redis is the oracle: PUBSUB CHANNELS <pattern> over channels named like the keys.
    const names = ["user:1", "user:12", "User:1", "a*b", "axb", "h[llo", "hallo", "\\x", "", "ab]"];
    const bytes = [...names.map((n) => Buffer.from(n)), odd, Buffer.from([0xff, 0x41])];
    const sub = new Redis(redis.server.url);
    try {
      for (const b of bytes) if (b.length) await sub.subscribe(b as unknown as string);
      const patterns = [
        "*",
        "user:?",
        "user:*",
        "[uU]ser:1",
        "[^u]*",
        "a\\*b",
        "h[a-b]llo",
        "h\\[llo",
        "*]",
        "\\\\x",
        "\xff*",
        "[a-",
        "[a-]]*",
        "[\\]a]*",
        "[^\\-]*",
      ];
      for (const p of patterns) {
        const pb = Buffer.from(p, "latin1");
        const fromRedis = (await redis.raw.callBuffer("PUBSUB", "CHANNELS", pb)) as Buffer[];
        const want = new Set(fromRedis.map((b) => b.toString("hex")));
        for (const b of bytes.filter((x) => x.length))
          expect(globMatch(pb, b), `${p} vs ${b.toString("hex")}`).toBe(
            want.has(b.toString("hex")),
          );
      }
    } finally {
      sub.disconnect();
    }
  });

  it("ends with reason error when Redis dies under the stream", async () => {
    const { stream } = await open("");
    await redis.server.stop();
    const end = await stream.end(5000);
    expect(end.data.reason).toBe("error");
    expect(end.data.message).toMatch(/closed/);
  });
});
