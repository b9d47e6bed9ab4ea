import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { type JsonBytes, jsonToBytes } from "@/lib/bytes";
import { resetConfigForTests } from "@/lib/config";
import { closeAllStreams } from "@/lib/redis/stream-slots";
import { b64url, call, send, withRedisServer } from "../harness";
import * as r from "../routes";
import { readStream, type SseEvent } from "../sse";

const redis = withRedisServer({ env: { KEYSCOPE_MAX_STREAMS: "2" } });
const params = { conn: "default" };

const bytes = (a: JsonBytes) => Buffer.from(jsonToBytes(a));
const argsOf = (e: SseEvent) => (e.data.args as JsonBytes[]).map(bytes);
const isLine = (e: SseEvent) => e.event !== "end" && Array.isArray(e.data.args);
const named = (name: string) => (e: SseEvent) =>
  isLine(e) && bytes(e.data.args[0]).toString().toUpperCase() === name;
const lines = (s: { events: SseEvent[] }) => s.events.filter(isLine);

async function open(query: Record<string, string> | string = {}) {
  const res = await send(r.monitor.GET, { params, query });
  expect(res.status).toBe(200);
  return readStream(res);
}

/** Sets KEYSCOPE_* for one test; the file's own env comes back after it. */
function withEnv(env: Record<string, string>) {
  for (const [k, v] of Object.entries(env)) process.env[k] = v;
  resetConfigForTests();
}

afterEach(() => {
  closeAllStreams();
  process.env.KEYSCOPE_MAX_STREAMS = "2";
  delete process.env.KEYSCOPE_READ_ONLY;
  resetConfigForTests();
});

async function connectedClients(): Promise<number> {
  const info = await redis.raw.info("clients");
  return Number(/connected_clients:(\d+)/.exec(info)?.[1]);
}

describe("GET /monitor", () => {
  it("streams each command with its arguments' exact bytes", async () => {
    const stream = await open();
    const key = Buffer.from([0xff, 0x00, 0xfe]);
    const value = Buffer.from([0xfe, 0x00, 0xff, 0x0a, 0x22, 0x5c, 0x07]);
    await redis.raw.set(key, value);
    await redis.raw.hset('odd" "arg', 'with "quotes" \\ and\r\n', "ünïcode");
    const set = await stream.next(named("SET"));
    expect(argsOf(set)).toEqual([Buffer.from("set"), key, value]);
    expect(set.data.db).toBe(0);
    expect(set.data.client).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(Math.abs(set.data.time - Date.now())).toBeLessThan(5000);
    const hset = await stream.next(named("HSET"));
    expect(argsOf(hset).map((b) => b.toString())).toEqual([
      "hset",
      'odd" "arg',
      'with "quotes" \\ and\r\n',
      "ünïcode",
    ]);
    await stream.cancel();
  });

  it("cuts a line over 1 MiB and flags it, and the next line arrives whole", async () => {
    const stream = await open({ command: "set" });
    await redis.raw.set("big", Buffer.alloc(3 * 1024 * 1024, 0xff)); // \xff: 4 bytes each printed
    await redis.raw.set("after", Buffer.from([0x00, 0xff]));
    const big = await stream.next(named("SET"));
    expect(big.data.truncated).toBe(true);
    const cut = argsOf(big)[2] as Buffer;
    expect(cut.length).toBeGreaterThan(200_000);
    expect(cut.length).toBeLessThan(1024 * 1024);
    expect(cut.every((b) => b === 0xff)).toBe(true);
    const after = await stream.next(named("SET"));
    expect(after.data.truncated).toBeUndefined();
    expect(argsOf(after)).toEqual([
      Buffer.from("set"),
      Buffer.from("after"),
      Buffer.from([0x00, 0xff]),
    ]);
    await stream.cancel();
  });

  it("filters by command, key, key64, match, client and db before sending", async () => {
    const other = new Redis(redis.server.url, { protocol: 2 });
    await other.ping();
    const port = String(other.stream.localPort);
    const binaryKey = Buffer.from([0xff, 0x01]);
    const streams = await Promise.all([open("command=get&command=Del"), open({ key: "user:*" })]);
    await redis.raw.set("user:1", "a");
    await redis.raw.get("user:1");
    await redis.raw.set("order:1", "b");
    await redis.raw.del("order:1");
    await redis.raw.set("end", "x");
    await redis.raw.del("end");
    const [byCommand, byKey] = streams as [
      ReturnType<typeof readStream>,
      ReturnType<typeof readStream>,
    ];
    await byCommand.next(named("DEL"));
    await byCommand.next((e) => named("DEL")(e) && bytes(e.data.args[1]).toString() === "end");
    expect(lines(byCommand).map((e) => bytes(e.data.args[0]).toString())).toEqual([
      "get",
      "del",
      "del",
    ]);
    await byKey.next(named("GET"));
    expect(lines(byKey).map((e) => argsOf(e).map(String).join(" "))).toEqual([
      "set user:1 a",
      "get user:1",
    ]);
    await Promise.all(streams.map((s) => s.cancel()));

    const [byMatch, byClient] = [
      await open({ match: '"set" "order:*"' }),
      await open({ client: `:${port}` }),
    ];
    await redis.raw.set("user:2", "a");
    await redis.raw.set("order:2", "b");
    await other.set("from-other", "c");
    await redis.raw.set(binaryKey, "bin");
    await redis.raw.set("order:3", "b");
    await byMatch.next((e) => isLine(e) && bytes(e.data.args[1]).toString() === "order:3");
    expect(lines(byMatch).map((e) => bytes(e.data.args[1]).toString())).toEqual([
      "order:2",
      "order:3",
    ]);
    const fromOther = await byClient.next(named("SET"));
    expect(bytes(fromOther.data.args[1]).toString()).toBe("from-other");
    await Promise.all([byMatch.cancel(), byClient.cancel()]);

    const [byKey64, byDb] = [await open({ key64: b64url(binaryKey) }), await open({ db: "3" })];
    await redis.raw.set("plain", "1");
    await redis.raw.set(binaryKey, "2");
    await other.select(3);
    await other.set("in-db-3", "3");
    expect(argsOf(await byKey64.next(named("SET")))[1]).toEqual(binaryKey);
    expect(lines(byKey64)).toHaveLength(1);
    const inDb3 = await byDb.next(named("SET"));
    expect(inDb3.data.db).toBe(3);
    expect(bytes(inDb3.data.args[1]).toString()).toBe("in-db-3");
    expect(lines(byDb).filter((e) => e.data.db !== 3)).toEqual([]);
    await Promise.all([byKey64.cancel(), byDb.cancel()]);
    other.disconnect();
  });

  it("refuses seconds out of 1-300, bad filters and a pattern over the limits", async () => {
    for (const seconds of ["0", "301", "abc", "1.5"]) {
      const { status, json } = await call(r.monitor.GET, { params, query: { seconds } });
      expect(status, seconds).toBe(400);
      expect(json.error.code).toBe("BAD_REQUEST");
    }
    expect((await call(r.monitor.GET, { params, query: { match: "*a".repeat(40) } })).status).toBe(
      400,
    );
    expect((await call(r.monitor.GET, { params, query: { key: "a", key64: "YQ" } })).status).toBe(
      400,
    );
    expect((await call(r.monitor.GET, { params, query: { db: "-1" } })).status).toBe(400);
    expect((await call(r.monitor.GET, { params: { conn: "nope" } })).status).toBe(404);
  });

  it("ends at the time limit with reason timeout and a summary", async () => {
    const started = Date.now();
    const stream = await open({ seconds: "2", command: "set" });
    // First the counts, at zero: MONITOR runs from then on.
    expect((await stream.next(() => true)).data).toEqual({
      stats: { seen: 0, matched: 0, dropped: 0 },
    });
    for (let i = 0; i < 30; i++) await redis.raw.set(`user:${i % 3}:name`, "v");
    await redis.raw.get("user:0:name");
    // The counts once a second, whatever the filters let through.
    const stats = await stream.next((e) => e.data.stats !== undefined, 2000);
    expect(stats.data.stats).toMatchObject({ matched: 30, dropped: 0 });
    expect(stats.data.stats.seen).toBeGreaterThanOrEqual(31);
    const end = await stream.end(4000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(end.data.reason).toBe("timeout");
    const { summary } = end.data;
    expect(summary.matched).toBe(30);
    expect(summary.delivered).toBe(30);
    expect(summary.dropped).toBe(0);
    expect(summary.seen).toBeGreaterThanOrEqual(31);
    expect(summary.seconds).toBeGreaterThanOrEqual(1.9);
    expect(summary.commandsPerSecond).toBeGreaterThan(0);
    expect(summary.topCommands).toEqual([{ command: "SET", count: 30 }]);
    expect(summary.topPrefixes).toEqual([
      { prefix: "user:0:", count: 10 },
      { prefix: "user:1:", count: 10 },
      { prefix: "user:2:", count: 10 },
    ]);
    expect(summary.topClients).toHaveLength(1);
    expect(summary.backlogPeakBytes).toBeGreaterThanOrEqual(0);
    expect(summary.topClients[0].count).toBe(30);
  });

  it("sends at most 5,000 lines a second and counts the rest as dropped", async () => {
    const stream = await open({ seconds: "1", command: "incr" });
    const p = redis.raw.pipeline();
    for (let i = 0; i < 12_000; i++) p.incr("counter");
    await p.exec();
    const end = await stream.end(5000);
    const { summary } = end.data;
    expect(summary.matched).toBe(12_000);
    expect(summary.delivered).toBeLessThanOrEqual(10_000); // the run may straddle two seconds
    expect(summary.delivered + summary.dropped).toBe(12_000);
    expect(lines(stream)).toHaveLength(summary.delivered);
  });

  it("answers 429 beyond KEYSCOPE_MAX_STREAMS, and a closed stream frees its slot", async () => {
    const a = await open();
    const b = await open();
    const { status, json } = await call(r.monitor.GET, { params });
    expect(status).toBe(429);
    expect(json.error.code).toBe("TOO_MANY_REQUESTS");
    await a.cancel();
    const c = await open();
    await Promise.all([b.cancel(), c.cancel()]);
  });

  it("runs in read-only mode (MONITOR only reads)", async () => {
    withEnv({ KEYSCOPE_READ_ONLY: "1" });
    const stream = await open();
    await redis.raw.set("ro", "1");
    await stream.next(named("SET"));
    await stream.cancel();
  });

  it("takes node only as the server's own address, and puts no node on its lines", async () => {
    const other = await call(r.monitor.GET, { params, query: { node: "127.0.0.1:1" } });
    expect(other.status).toBe(400);
    expect(other.json.error.message).toContain(`127.0.0.1:${redis.server.port}`);
    const stream = await open({ node: `127.0.0.1:${redis.server.port}` });
    await redis.raw.set(Buffer.from([0xff, 0xfe]), "1");
    const set = await stream.next(named("SET"));
    expect(set.data.node).toBeUndefined();
    await stream.cancel();
  });

  it("gives every connection back: 20 streams opened and aborted, connected_clients as before within 5 s", async () => {
    withEnv({ KEYSCOPE_MAX_STREAMS: "20" });
    const before = await connectedClients();
    const streams = await Promise.all(Array.from({ length: 20 }, () => open()));
    expect(await connectedClients()).toBeGreaterThanOrEqual(before + 20);
    await redis.raw.set("seen-by-all", "1");
    await Promise.all(streams.map((s) => s.next(named("SET"))));
    await Promise.all(streams.map((s) => s.cancel()));
    const deadline = Date.now() + 5000;
    let now = await connectedClients();
    while (now !== before && Date.now() < deadline) {
      await new Promise((res) => setTimeout(res, 100));
      now = await connectedClients();
    }
    expect(now).toBe(before);
  });

  // Last: it stops this file's Redis.
  it("ends with reason error when Redis goes away under an open stream", async () => {
    const stream = await open();
    await redis.raw.set("before", "1");
    await stream.next(named("SET"));
    await redis.server.stop();
    const end = await stream.end(5000);
    expect(end.data.reason).toBe("error");
    expect(end.data.message).toMatch(/closed|ECONNRESET|Redis/);
    expect(end.data.summary.matched).toBeGreaterThanOrEqual(1);
  });
});
