import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { closeAllStreams } from "@/lib/redis/stream-slots";
import { b64url, call, send, withRedisServer } from "../harness";
import * as r from "../routes";
import { openStream } from "../sse";

const redis = withRedisServer({ env: { KEYSCOPE_MAX_STREAMS: "3" } });
const conn = { conn: "default" };
const odd = Buffer.from([0xff, 0x00, 0xfe]);
const b64 = (b: Buffer) => ({ b64: b.toString("base64") });

afterEach(() => closeAllStreams());

const subscribe = (query: string) => openStream(r.pubsubSubscribe.GET, { params: conn, query });

describe("pub/sub subscribe", () => {
  it("delivers binary channels and messages exact, and says what it subscribed", async () => {
    const { stream, first } = await subscribe(`channel64=${b64url(odd)}&channel=plain`);
    expect(first.data).toEqual({ subscribed: { channels: 2, patterns: 0, shards: 0 } });
    const message = Buffer.from([0x00, 0xff, 0x80, 0x41]);
    const pub = await call(r.pubsubPublish.POST, {
      params: conn,
      body: { channel: b64(odd), message: b64(message) },
    });
    expect(pub).toEqual({ status: 200, json: { receivers: 1 } });
    await redis.raw.publish("plain", "héllo");
    const got = await stream.next((e) => e.data.channel === "plain");
    expect(got.data.message).toBe("héllo");
    const bin = stream.events.find((e) => e.data.channel?.b64);
    expect(bin?.data.channel).toEqual(b64(odd));
    expect(bin?.data.message).toEqual(b64(message));
    expect(bin?.data.pattern).toBeUndefined();
    expect(Math.abs(bin?.data.time - Date.now() / 1000)).toBeLessThan(5);
    await stream.cancel();
  });

  it("delivers pattern messages with the pattern, bytes exact", async () => {
    const pattern = Buffer.concat([odd, Buffer.from("*")]);
    const { stream, first } = await subscribe(`pattern64=${b64url(pattern)}`);
    expect(first.data).toEqual({ subscribed: { channels: 0, patterns: 1, shards: 0 } });
    const channel = Buffer.concat([odd, Buffer.from([0x01, 0xc3])]);
    await redis.raw.publish(channel, odd);
    await redis.raw.publish("other", "x"); // not matched
    const got = await stream.next((e) => "message" in e.data);
    expect(got.data).toMatchObject({
      channel: b64(channel),
      pattern: b64(pattern),
      message: b64(odd),
    });
    await redis.raw.publish(channel, "second");
    await stream.next((e) => e.data.message === "second");
    expect(stream.events.filter((e) => "message" in e.data)).toHaveLength(2);
    await stream.cancel();
  });

  it("subscribes sharded channels (SSUBSCRIBE) and publishes to them (SPUBLISH), bytes exact", async () => {
    const { stream, first } = await subscribe(`shard64=${b64url(odd)}&shard=s:plain&channel=both`);
    expect(first.data).toEqual({ subscribed: { channels: 1, patterns: 0, shards: 2 } });
    const message = Buffer.from([0xfe, 0xff, 0x00]);
    const pub = await call(r.pubsubPublish.POST, {
      params: conn,
      body: { channel: b64(odd), message: b64(message), sharded: true },
    });
    expect(pub).toEqual({ status: 200, json: { receivers: 1 } });
    const got = await stream.next((e) => "message" in e.data);
    expect(got.data).toMatchObject({ channel: b64(odd), message: b64(message), sharded: true });
    // A classic PUBLISH does not reach a sharded subscription, nor SPUBLISH a classic one.
    const classic = await call(r.pubsubPublish.POST, {
      params: conn,
      body: { channel: b64(odd), message: "classic" },
    });
    expect(classic.json.receivers).toBe(0);
    await redis.raw.call("SPUBLISH", "both", "sharded-to-classic");
    await redis.raw.call("SPUBLISH", "s:plain", "text");
    const text = await stream.next((e) => e.data.channel === "s:plain");
    expect(text.data).toMatchObject({ message: "text", sharded: true });
    expect(stream.events.filter((e) => "message" in e.data)).toHaveLength(2);
    const listed = await call(r.pubsubChannels.GET, { params: conn });
    expect(listed.json.channels).toEqual([
      { channel: "both", subscribers: 1 },
      { channel: "s:plain", subscribers: 1, sharded: true },
      { channel: b64(odd), subscribers: 1, sharded: true },
    ]);
    await stream.cancel();
  });

  it("cuts a message over 64 KiB and says how long it was", async () => {
    const { stream } = await subscribe("channel=big");
    await redis.raw.publish("big", "é".repeat(100_000)); // 200,000 bytes of 2-byte characters
    const got = await stream.next((e) => "message" in e.data);
    expect(got.data.cut).toBe(true);
    expect(got.data.length).toBe(200_000);
    expect(typeof got.data.message).toBe("string"); // cut on a character boundary: still text
    expect(Buffer.byteLength(got.data.message)).toBe(65_536);
    await stream.cancel();
  });

  it("refuses no channel, bad base64, too many, a hostile glob (400)", async () => {
    const many = Array.from({ length: 65 }, (_, i) => `channel=c${i}`).join("&");
    const hostile = `pattern=${encodeURIComponent(`*${"?".repeat(65)}`)}`;
    for (const query of ["", "channel64=%%%", "channel64=ab+/", many, hostile, "bogus=1"]) {
      const res = await send(r.pubsubSubscribe.GET, { params: conn, query });
      expect(res.status, query.slice(0, 40)).toBe(400);
      expect((await res.json()).error.code).toBe("BAD_REQUEST");
    }
  });

  it("answers 429 beyond KEYSCOPE_MAX_STREAMS and frees the slot when a stream closes", async () => {
    const open = [];
    for (let i = 0; i < 3; i++) open.push((await subscribe(`channel=s${i}`)).stream);
    const refused = await send(r.pubsubSubscribe.GET, { params: conn, query: "channel=x" });
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.code).toBe("TOO_MANY_REQUESTS");
    await open[0]?.cancel();
    await expect.poll(async () => (await redis.raw.pubsub("NUMSUB", "s0"))[1]).toBe(0);
    const again = await subscribe("channel=x");
    expect(again.first.data.subscribed.channels).toBe(1);
    for (const s of [...open, again.stream]) await s.cancel();
  });
});

describe("pub/sub channels and publish", () => {
  it("lists active channels with subscriber counts (binary names) and NUMPAT", async () => {
    const subs = [new Redis(redis.server.url), new Redis(redis.server.url)];
    try {
      await subs[0]?.subscribe("news", odd as unknown as string);
      await subs[1]?.subscribe("news");
      await subs[1]?.psubscribe("p:*");
      const all = await call(r.pubsubChannels.GET, { params: conn });
      expect(all.status).toBe(200);
      expect(all.json.patterns).toBe(1);
      expect(all.json.channels).toEqual([
        { channel: "news", subscribers: 2 },
        { channel: b64(odd), subscribers: 1 },
      ]);
      const some = await call(r.pubsubChannels.GET, { params: conn, query: { match: "n*" } });
      expect(some.json.channels).toEqual([{ channel: "news", subscribers: 2 }]);
      const byBytes = await call(r.pubsubChannels.GET, {
        params: conn,
        query: { match64: b64url(Buffer.from([0xff, 0x2a])) },
      });
      expect(byBytes.json.channels).toEqual([{ channel: b64(odd), subscribers: 1 }]);
      const hostile = await call(r.pubsubChannels.GET, {
        params: conn,
        query: { match: `*${"[a-z]".repeat(65)}` },
      });
      expect(hostile.status).toBe(400);
    } finally {
      for (const s of subs) s?.disconnect();
    }
  });

  it("counts receivers and audits the channel, never the message", async () => {
    const none = await call(r.pubsubPublish.POST, {
      params: conn,
      body: { channel: "nobody", message: "secret-payload" },
    });
    expect(none).toEqual({ status: 200, json: { receivers: 0 } });
    const bad = await call(r.pubsubPublish.POST, { params: conn, body: { channel: "c" } });
    expect(bad.status).toBe(400);
    const log = await call(r.audit.GET, {});
    const text = JSON.stringify(log.json);
    expect(text).toContain("nobody");
    expect(text).not.toContain("secret-payload");
  });
});
