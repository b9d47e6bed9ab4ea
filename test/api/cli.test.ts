import { describe, expect, it } from "vitest";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";

const redis = withRedisServer();
const db = { conn: "default", db: "0" };
const b64 = (bytes: number[]) => ({ b64: Buffer.from(bytes).toString("base64") });
const run = (body: Record<string, unknown>) => call(r.cli.POST, { params: db, body });

describe("POST …/cli replies", () => {
  it("keeps status apart from bulk strings, and every other type", async () => {
    expect((await run({ line: "SET greeting OK" })).json.reply).toEqual({
      type: "status",
      value: "OK",
    });
    const got = await run({ line: "GET greeting" });
    expect(got.status).toBe(200);
    expect(got.json.reply).toEqual({ type: "string", value: "OK" });
    expect(got.json.durationMs).toBeGreaterThanOrEqual(0);
    expect((await run({ line: "INCRBY n 5" })).json.reply).toEqual({ type: "integer", value: 5 });
    expect((await run({ line: "GET missing" })).json.reply).toEqual({ type: "nil", value: null });
    await redis.raw.rpush("l", "a", "b");
    expect((await run({ args: ["LRANGE", "l", "0", "-1"] })).json.reply).toEqual({
      type: "array",
      value: [
        { type: "string", value: "a" },
        { type: "string", value: "b" },
      ],
    });
    expect((await run({ line: "LRANGE nothing 0 -1" })).json.reply).toEqual({
      type: "array",
      value: [],
    });
    const wrong = await run({ line: "LPUSH greeting x" });
    expect(wrong.status).toBe(200);
    expect(wrong.json.reply.type).toBe("error");
    expect(wrong.json.reply.value).toMatch(/^WRONGTYPE/);
    const unknown = await run({ line: "NOSUCHCOMMAND" });
    expect(unknown.json.reply.type).toBe("error"); // unknown: treated as a write, Redis answers
  });

  it("sends and returns bytes exactly (FF 00 FE through args and through \\xHH)", async () => {
    const bytes = [0xff, 0x00, 0xfe];
    expect((await run({ args: ["SET", b64(bytes), b64(bytes)] })).json.reply.type).toBe("status");
    expect(await redis.raw.getBuffer(Buffer.from(bytes))).toEqual(Buffer.from(bytes));
    const back = await run({ args: ["GET", b64(bytes)] });
    expect(back.json.reply).toEqual({ type: "string", value: b64(bytes) });
    const line = await run({ line: 'GET "\\xff\\x00\\xfe"' });
    expect(line.json.reply).toEqual({ type: "string", value: b64(bytes) });
    await run({ line: 'SET u "\\xc3\\xa9"' });
    expect((await run({ line: "GET u" })).json.reply.value).toBe("é");
  });

  it("gives integers beyond 2^53 as their digits", async () => {
    await redis.raw.set("big", "9007199254740993");
    expect((await run({ line: "INCR big" })).json.reply).toEqual({
      type: "integer",
      value: "9007199254740994",
    });
  });

  it("cuts replies at limit elements and limitBytes", async () => {
    await redis.raw.rpush("many", ...Array.from({ length: 50 }, (_, i) => `v${i}`));
    const cut = await run({ line: "LRANGE many 0 -1", limit: 10 });
    expect(cut.json.truncated).toBe(true);
    expect(cut.json.reply.value).toHaveLength(10);
    const whole = await run({ line: "LRANGE many 0 -1" });
    expect(whole.json.truncated).toBeUndefined();
    expect(whole.json.reply.value).toHaveLength(50);
    // Every level counts: [[1,2,3],[4,5,6]] within 4 elements keeps the first inner array whole.
    const nested = await run({ line: 'EVAL "return {{1,2,3},{4,5,6}}" 0', limit: 4 });
    expect(nested.json.truncated).toBe(true);
    expect(nested.json.reply).toEqual({
      type: "array",
      value: [{ type: "array", value: [1, 2, 3].map((value) => ({ type: "integer", value })) }],
    });
    const partial = await run({ line: 'EVAL "return {{1,2,3},{4,5,6}}" 0', limit: 3 });
    expect(partial.json.reply.value[0].value).toHaveLength(2);
    await redis.raw.set("long", "x".repeat(5000));
    const bytes = await run({ line: "GET long", limitBytes: 100 });
    expect(bytes.json.truncated).toBe(true);
    expect(bytes.json.reply).toEqual({ type: "string", value: "x".repeat(100) });
  });
});

describe("POST …/cli refusals", () => {
  it("asks for confirmation of dangerous commands (428) and runs them once confirmed", async () => {
    await redis.raw.set("k", "v");
    for (const [line, name] of [
      ["FLUSHDB", "FLUSHDB"],
      ["KEYS *", "KEYS"],
      ["CONFIG SET maxmemory 0", "CONFIG SET"],
      ["SCRIPT FLUSH", "SCRIPT FLUSH"],
      ["CLIENT KILL ID 999999", "CLIENT KILL"],
    ]) {
      const res = await run({ line });
      expect(res.status, line).toBe(428);
      expect(res.json.error.code).toBe("CONFIRMATION_REQUIRED");
      expect(res.json.error.message).toContain(`"${name}"`);
    }
    expect(await redis.raw.get("k")).toBe("v");
    expect((await run({ line: "FLUSHDB", confirm: "KEYS" })).status).toBe(428);
    expect((await run({ line: "KEYS *", confirm: "KEYS" })).json.reply.value).toHaveLength(1);
    expect((await run({ line: "FLUSHDB", confirm: "FLUSHDB" })).json.reply).toEqual({
      type: "status",
      value: "OK",
    });
    expect(await redis.raw.get("k")).toBeNull();
  });

  it("refuses state and holding commands with 400 naming the tool", async () => {
    const cases: [string, RegExp][] = [
      ["SUBSCRIBE ch", /Pub\/Sub/],
      ["PSUBSCRIBE *", /Pub\/Sub/],
      ["MONITOR", /Profiler/],
      ["MULTI", /transaction/i],
      ["SELECT 1", /database picker/],
      ["AUTH x", /credentials/],
      ["HELLO 3", /RESP2/],
      ["CLIENT SETNAME me", /keyscope-console/],
      ["QUIT", /close/],
      ["BLPOP k 0", /block forever/],
      ["BRPOP k 100000", /block for 100000000 ms/],
      ["XREAD BLOCK 0 STREAMS s $", /block forever/],
      ["WAIT 0 0", /block forever/],
    ];
    for (const [line, message] of cases) {
      const res = await run({ line });
      expect(res.status, line).toBe(400);
      expect(res.json.error.message).toMatch(message);
    }
    // A short block is fine: it answers (nil) within the command timeout.
    expect((await run({ line: "BLPOP k 0.1" })).json.reply).toEqual({ type: "nil", value: null });
  });

  it("refuses bad lines and bad bodies with 400", async () => {
    expect((await run({ line: '"unterminated' })).status).toBe(400);
    expect((await run({ line: '"a"b' })).status).toBe(400);
    expect((await run({ line: "   " })).status).toBe(400);
    expect((await run({ line: "PING", args: ["PING"] })).status).toBe(400);
    expect((await run({})).status).toBe(400);
    expect((await run({ args: [] })).status).toBe(400);
  });

  it("answers 404 for an unknown connection", async () => {
    const res = await call(r.cli.POST, {
      params: { conn: "nope", db: "0" },
      body: { line: "PING" },
    });
    expect(res.status).toBe(404);
  });
});

describe("POST …/cli audit", () => {
  it("logs writes with command and keys, never values; reads are not logged", async () => {
    await run({ line: "SET audited-key secret-value-123" });
    await run({ line: "GET audited-key" });
    await run({ line: "MSET multi-a 1 multi-b 2" });
    await run({ args: ["DEL", b64([0xff, 0x00, 0xfe])] });
    const { json } = await call(r.audit.GET, { query: { q: "cli" } });
    const lines = json.entries.filter((e: { action: string }) => e.action === "cli");
    const set = lines.find((e: { detail?: { command?: string } }) => e.detail?.command === "SET");
    expect(set?.keys).toEqual(["audited-key"]);
    expect(set?.result.status).toBe(200);
    expect(JSON.stringify(json)).not.toContain("secret-value-123");
    const mset = lines.find((e: { detail?: { command?: string } }) => e.detail?.command === "MSET");
    expect(mset?.keys).toEqual(["multi-a", "multi-b"]);
    const del = lines.find((e: { detail?: { command?: string } }) => e.detail?.command === "DEL");
    expect(del?.keys).toEqual([b64([0xff, 0x00, 0xfe])]);
    expect(lines.some((e: { detail?: { command?: string } }) => e.detail?.command === "GET")).toBe(
      false,
    );
  });
});

describe("GET …/commands", () => {
  it("lists the server's commands with help", async () => {
    const { status, json } = await call(r.commands.GET, { params: { conn: "default" } });
    expect(status).toBe(200);
    const get = json.commands.find((c: { name: string }) => c.name === "GET");
    expect(get.summary).toMatch(/value of a key/i);
    expect(get.arity).toBe(2);
    expect(get.flags).toContain("readonly");
    expect(get.arguments[0]).toMatchObject({ name: "key", type: "key" });
    expect(json.commands.some((c: { name: string }) => c.name === "CONFIG SET")).toBe(true);
  });
});
