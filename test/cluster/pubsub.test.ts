import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { closeAllStreams } from "@/lib/redis/stream-slots";
import { withCluster } from "../cluster-harness";
import { b64url, call, send } from "../harness";
import * as r from "../routes";
import { openStream, readStream } from "../sse";

// Pub/sub on a real six-node cluster: sharded channels are SSUBSCRIBEd on the master of their
// slot (connections only where needed), a classic subscription holds one connection and gets a
// message PUBLISHed on any node once, the channels list adds up every node, and a stream leaves
// no connection behind.

const c = withCluster();
const conn = { conn: "default" };
const b64 = (b: Buffer) => ({ b64: b.toString("base64") });

const nodeClient = (port: number) => c.node(port);
const extra: Redis[] = [];
/** A subscriber of its own on one node (a subscribed client can run nothing else). */
function subscriberOn(port: number): Redis {
  const s = new Redis({ port, host: "127.0.0.1", protocol: 2 });
  s.on("error", () => {});
  extra.push(s);
  return s;
}

afterEach(() => {
  closeAllStreams();
  for (const s of extra.splice(0)) s.disconnect();
});

/** Ports of the masters, and the port of the master that owns `channel`'s slot. */
async function masterPorts(): Promise<number[]> {
  return (await c.cluster.masters()).map((m) => m.port);
}
async function ownerPort(channel: Buffer): Promise<number> {
  const owner = await c.nodeFor(channel);
  return owner.options.port as number;
}

/** Binary channel names (non-UTF-8) owned by `count` different masters. */
async function channelsOnMasters(count: number): Promise<{ channel: Buffer; port: number }[]> {
  const found = new Map<number, Buffer>();
  for (let i = 0; found.size < count && i < 1000; i++) {
    const channel = Buffer.from([0xff, 0xfe, i & 0xff, i >> 8]);
    const port = await ownerPort(channel);
    if (!found.has(port)) found.set(port, channel);
  }
  return [...found].map(([port, channel]) => ({ channel, port }));
}

/** The `keyscope-pubsub` connections on every node, by port. */
async function pubsubConnections(): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (const port of c.cluster.ports) {
    const list = (await nodeClient(port).call("CLIENT", "LIST")) as string;
    const n = list.split("\n").filter((l) => / name=keyscope-pubsub /.test(l)).length;
    if (n) counts.set(port, n);
  }
  return counts;
}

const subscribe = (query: string) => openStream(r.pubsubSubscribe.GET, { params: conn, query });

describe("sharded pub/sub on a cluster", () => {
  it("SSUBSCRIBEs each channel on its master and delivers SPUBLISHed bytes exact", async () => {
    const [a, b] = await channelsOnMasters(2);
    if (!a || !b) throw new Error("no channels on two masters");
    expect(a.port).not.toBe(b.port);
    const { stream, first } = await subscribe(
      `shard64=${b64url(a.channel)}&shard64=${b64url(b.channel)}`,
    );
    expect(first.data).toEqual({ subscribed: { channels: 0, patterns: 0, shards: 2 } });
    // One connection on each of the two masters needed, none on the third or on a replica.
    expect(await pubsubConnections()).toEqual(
      new Map([
        [a.port, 1],
        [b.port, 1],
      ]),
    );
    const message = Buffer.from([0x00, 0xff, 0x80, 0xfe]);
    const pub = await call(r.pubsubPublish.POST, {
      params: conn,
      body: { channel: b64(a.channel), message: b64(message), sharded: true },
    });
    // Redis counts the receivers of the node that answered: the channel's master, named.
    expect(pub).toEqual({ status: 200, json: { receivers: 1, node: `127.0.0.1:${a.port}` } });
    await nodeClient(b.port).call("SPUBLISH", b.channel, Buffer.from([0xc3]));
    const gotA = await stream.next((e) => e.data.channel?.b64 === b64(a.channel).b64);
    expect(gotA.data).toMatchObject({ message: b64(message), sharded: true });
    const gotB = await stream.next((e) => e.data.channel?.b64 === b64(b.channel).b64);
    expect(gotB.data).toMatchObject({ message: b64(Buffer.from([0xc3])), sharded: true });
    expect(gotB.data.pattern).toBeUndefined();
    await stream.cancel();
    // The stream's end closes every connection it opened, on every node.
    await expect.poll(pubsubConnections, { timeout: 5000 }).toEqual(new Map());
  });

  it("gets a classic PUBLISH made on another node once, on one connection", async () => {
    const { stream, first } = await subscribe("channel=news&pattern=ne*");
    expect(first.data).toEqual({ subscribed: { channels: 1, patterns: 1, shards: 0 } });
    const held = await pubsubConnections();
    expect([...held.values()]).toEqual([1]);
    const [holder] = [...held.keys()];
    const other = c.cluster.ports.find((p) => p !== holder) as number;
    await nodeClient(other).publish("news", "once");
    await stream.next((e) => e.data.message === "once");
    await nodeClient(other).publish("news", "marker"); // later than any duplicate of "once"
    // Redis sends a message to the channel's subscribers first, then to the patterns'.
    await stream.next((e) => e.data.message === "marker" && e.data.pattern === "ne*");
    const once = stream.events.filter((e) => e.data.message === "once");
    expect(once).toHaveLength(2); // one through the channel, one through the pattern
    expect(once.every((e) => e.data.sharded === undefined)).toBe(true);
    await stream.cancel();
    await expect.poll(pubsubConnections, { timeout: 5000 }).toEqual(new Map());
  });

  it("puts classic and sharded subscriptions together on the shards' masters", async () => {
    const [a] = await channelsOnMasters(1);
    if (!a) throw new Error("no channel");
    const { stream, first } = await subscribe(`shard64=${b64url(a.channel)}&channel=mixed`);
    expect(first.data.subscribed).toEqual({ channels: 1, patterns: 0, shards: 1 });
    expect(await pubsubConnections()).toEqual(new Map([[a.port, 1]]));
    const pub = await call(r.pubsubPublish.POST, {
      params: conn,
      body: { channel: "mixed", message: "m" },
    });
    expect(pub.json.node).toMatch(/^127\.0\.0\.1:\d+$/);
    const got = await stream.next((e) => e.data.message === "m");
    expect(got.data.sharded).toBeUndefined();
    await stream.cancel();
  });

  it("lists channels with subscribers on several nodes, summed, and the shard channels", async () => {
    const masters = await masterPorts();
    const replica = c.cluster.ports.find((p) => !masters.includes(p)) as number;
    const [m0, m1] = masters as [number, number];
    const odd = Buffer.from([0xff, 0x00, 0xfe]);
    await subscriberOn(m0).subscribe("board", odd as unknown as string);
    await subscriberOn(m1).subscribe("board");
    await subscriberOn(replica).subscribe("board");
    await subscriberOn(replica).psubscribe("p:*");
    const [shard] = await channelsOnMasters(1);
    if (!shard) throw new Error("no channel");
    await subscriberOn(shard.port).ssubscribe(shard.channel);
    await subscriberOn(shard.port).ssubscribe(shard.channel);
    const { status, json } = await call(r.pubsubChannels.GET, { params: conn });
    expect(status).toBe(200);
    expect(json.patterns).toBe(1);
    expect(json.channels).toEqual([
      { channel: "board", subscribers: 3 },
      { channel: b64(shard.channel), subscribers: 2, sharded: true },
      { channel: b64(odd), subscribers: 1 },
    ]);
    const some = await call(r.pubsubChannels.GET, { params: conn, query: { match: "b*" } });
    expect(some.json.channels).toEqual([{ channel: "board", subscribers: 3 }]);
  });

  it("refuses an empty shard, more than 64 in all, and bad base64 (400), opening nothing", async () => {
    const many = [
      ...Array.from({ length: 30 }, (_, i) => `channel=c${i}`),
      ...Array.from({ length: 35 }, (_, i) => `shard=s${i}`),
    ].join("&");
    for (const query of ["shard=", "shard64=", many, "shard64=%%%", "shard=a&sharded=1"]) {
      const res = await send(r.pubsubSubscribe.GET, { params: conn, query });
      expect(res.status, query.slice(0, 40)).toBe(400);
      expect((await res.json()).error.code).toBe("BAD_REQUEST");
    }
    expect(await pubsubConnections()).toEqual(new Map());
    const bad = await call(r.pubsubPublish.POST, {
      params: conn,
      body: { channel: "c", message: "m", sharded: "yes" },
    });
    expect(bad.status).toBe(400);
  });

  it("refuses publish on a read-only connection, sharded or not, and delivers nothing", async () => {
    const added = await call(r.connections.POST, {
      body: { name: "ro", mode: "cluster", nodes: c.cluster.seeds, readOnly: true },
    });
    expect(added.status).toBe(201);
    const ro = { conn: added.json.id as string };
    const [a] = await channelsOnMasters(1);
    if (!a) throw new Error("no channel");
    const res = await send(r.pubsubSubscribe.GET, {
      params: ro,
      query: `shard64=${b64url(a.channel)}&channel=ro`,
    });
    expect(res.status).toBe(200);
    const stream = readStream(res);
    await stream.next((e) => "subscribed" in e.data);
    for (const sharded of [true, false]) {
      const pub = await call(r.pubsubPublish.POST, {
        params: ro,
        body: { channel: sharded ? b64(a.channel) : "ro", message: "refused", sharded },
      });
      expect(pub.status).toBe(403);
      expect(pub.json.error.code).toBe("READ_ONLY");
    }
    await nodeClient(a.port).call("SPUBLISH", a.channel, "from-outside");
    const got = await stream.next((e) => "message" in e.data);
    expect(got.data.message).toBe("from-outside"); // the refused publishes never arrived
    await stream.cancel();
  });
});
