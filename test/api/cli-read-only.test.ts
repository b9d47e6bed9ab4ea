import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";

// API.md's lists, both ways: each write refused with the server unchanged, each read run.
const redis = withRedisServer({ env: { KEYSCOPE_READ_ONLY: "1" } });
const db = { conn: "default", db: "0" };
const run = (line: string, confirm?: string) =>
  call(r.cli.POST, { params: db, body: { line, ...(confirm && { confirm }) } });

describe("the console in read-only mode", () => {
  it("refuses every write with 403 READ_ONLY and changes nothing", async () => {
    await redis.raw.set("k", "v");
    await redis.raw.hset("h", "f", "1");
    const sha = (await redis.raw.script("LOAD", "return 1")) as string;
    await redis.raw.config("SET", "slowlog-log-slower-than", "0");
    await redis.raw.ping(); // one slowlog entry at least
    const slowlogBefore = (await redis.raw.slowlog("LEN")) as number;
    const [, maxmemory] = (await redis.raw.config("GET", "maxmemory")) as string[];
    const rawId = (await redis.raw.client("ID")) as number;
    const sub = new Redis(redis.server.url);
    const heard: string[] = [];
    sub.on("message", (_ch, m) => heard.push(m));
    await sub.subscribe("news");
    const writes: [string, string?][] = [
      ["SET k changed"],
      ["DEL k"],
      ["HSET h f 2"],
      ["EVAL \"return redis.call('SET', KEYS[1], 'x')\" 1 k"],
      ["FLUSHALL", "FLUSHALL"],
      ["CONFIG SET maxmemory 1", "CONFIG SET"],
      [`CLIENT KILL ID ${rawId}`, "CLIENT KILL"],
      ["SLOWLOG RESET"],
      ["PUBLISH news hello"],
      ["SCRIPT FLUSH", "SCRIPT FLUSH"],
      ["EXPIRE k 1"],
      ["NOSUCHCOMMAND k"],
    ];
    for (const [line, confirm] of writes) {
      const res = await run(line, confirm);
      expect(res.status, line).toBe(403);
      expect(res.json.error.code).toBe("READ_ONLY");
    }
    expect(await redis.raw.get("k")).toBe("v");
    expect(await redis.raw.ttl("k")).toBe(-1);
    expect(await redis.raw.hget("h", "f")).toBe("1");
    expect(await redis.raw.config("GET", "maxmemory")).toEqual(["maxmemory", maxmemory]);
    expect(await redis.raw.script("EXISTS", sha)).toEqual([1]);
    expect((await redis.raw.slowlog("LEN")) as number).toBeGreaterThanOrEqual(slowlogBefore);
    expect(await redis.raw.client("ID")).toBe(rawId); // not killed: same connection
    await new Promise((res) => setTimeout(res, 100));
    expect(heard).toEqual([]);
    sub.disconnect();
    // Refused writes are audited, with the command and the key.
    const { json } = await call(r.audit.GET, { query: { q: "cli" } });
    const del = json.entries.find(
      (e: { detail?: { command?: string } }) => e.detail?.command === "DEL",
    );
    expect(del).toMatchObject({ keys: ["k"], result: { status: 403, code: "READ_ONLY" } });
  });

  it("runs every read", async () => {
    await redis.raw.set("k", "v");
    await redis.raw.hset("h", "f", "1");
    const reads: [string, string][] = [
      ["GET k", "string"],
      ["HGET h f", "string"],
      ["SCAN 0", "array"],
      ["TYPE k", "status"],
      ["TTL k", "integer"],
      ["INFO server", "string"],
      ["CONFIG GET maxmemory", "array"],
      ["CLIENT LIST", "string"],
      ["SLOWLOG GET 1", "array"],
      ["MEMORY USAGE k", "integer"],
      ["DBSIZE", "integer"],
      ["EVAL_RO \"return redis.call('GET', KEYS[1])\" 1 k", "string"],
      ["PING", "status"],
      ["OBJECT ENCODING k", "string"],
      ["PUBSUB CHANNELS", "array"],
    ];
    for (const [line, type] of reads) {
      const res = await run(line);
      expect(res.status, line).toBe(200);
      expect(res.json.reply.type, line).toBe(type);
    }
  });
});
