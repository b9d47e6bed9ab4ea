import { describe, expect, it } from "vitest";
import { closeAllStreams } from "@/lib/redis/stream-slots";
import { call, send, withRedisServer } from "../harness";
import * as r from "../routes";
import { readStream } from "../sse";

// Read-only mode: publishing and turning notifications on are writes; listening is not.

const redis = withRedisServer({ env: { KEYSCOPE_READ_ONLY: "1" } });
const conn = { conn: "default" };

describe("pub/sub and keyspace events in read-only mode", () => {
  it("refuses publish and the notifications setting, and publishes nothing", async () => {
    const before = await redis.raw.config("GET", "notify-keyspace-events");
    const res = await send(r.pubsubSubscribe.GET, { params: conn, query: "channel=c" });
    const stream = readStream(res);
    await stream.next((e) => "subscribed" in e.data);
    const pub = await call(r.pubsubPublish.POST, {
      params: conn,
      body: { channel: "c", message: "m" },
    });
    expect(pub.status).toBe(403);
    expect(pub.json.error.code).toBe("READ_ONLY");
    const set = await call(r.config.PUT, {
      params: conn,
      body: { name: "notify-keyspace-events", value: "KEA" },
    });
    expect(set.status).toBe(403);
    expect(await redis.raw.config("GET", "notify-keyspace-events")).toEqual(before);
    await redis.raw.publish("c", "from-outside");
    const got = await stream.next((e) => "message" in e.data);
    expect(got.data.message).toBe("from-outside"); // the refused publish never arrived
    await stream.cancel();
    closeAllStreams();
  });

  it("lists channels and streams events", async () => {
    const list = await call(r.pubsubChannels.GET, { params: conn });
    expect(list.status).toBe(200);
    await redis.raw.config("SET", "notify-keyspace-events", "KA");
    const res = await send(r.keyspaceEvents.GET, { params: { conn: "default", db: "0" } });
    const stream = readStream(res);
    expect((await stream.next(() => true)).data.status.enabled).toBe(true);
    await redis.raw.set("k", "v");
    expect((await stream.next((e) => "event" in e.data)).data).toMatchObject({
      event: "set",
      key: "k",
    });
    await stream.cancel();
    closeAllStreams();
  });
});
