import { describe, expect, it } from "vitest";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";

const redis = withRedisServer({ env: { KEYSCOPE_COMMAND_TIMEOUT_MS: "1000" }, flush: false });
const db = { conn: "default", db: "0" };
const run = (body: unknown) => call(r.cli.POST, { params: db, body });

describe("the console when Redis hangs, and hostile input", () => {
  it("answers 503 within the command timeout and recovers on a new connection", async () => {
    expect((await run({ line: "PING" })).status).toBe(200);
    redis.server.pause();
    try {
      const started = Date.now();
      const res = await run({ line: "PING" });
      expect(res.status).toBe(503);
      expect(res.json.error.code).toBe("REDIS_UNAVAILABLE");
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      redis.server.resume();
    }
    const again = await run({ line: "ECHO back" });
    expect(again.json.reply).toEqual({ type: "string", value: "back" });
    const clients = (await redis.raw.client("LIST")) as string;
    expect(clients).toContain("name=keyscope-console");
  });

  it("splits a line of 1 MB of quotes quickly and bounds bodies", async () => {
    const started = Date.now();
    const quotes = await run({ line: `ECHO "${'\\"'.repeat(500_000)}"` });
    expect(quotes.status).toBe(200);
    expect(quotes.json.reply.value).toBe('"'.repeat(500_000));
    expect(Date.now() - started).toBeLessThan(3000);
    const many = await run({
      args: ["DEL", ...Array.from({ length: 100_000 }, (_, i) => `k${i}`)],
    });
    expect(many.json.reply).toEqual({ type: "integer", value: 0 });
    const { json } = await call(r.audit.GET, { query: { q: "cli" } });
    const del = json.entries.find(
      (e: { detail?: { command?: string } }) => e.detail?.command === "DEL",
    );
    expect(del.keys).toHaveLength(100);
    expect(del.detail.keyCount).toBe(100_000);
    const deep = await call(r.cli.POST, {
      params: db,
      body: `{"args": ${"[".repeat(1000)}${"]".repeat(1000)}}`,
    });
    expect(deep.status).toBe(400);
    expect(deep.json.error.message).toMatch(/nests deeper/);
  });
});

describe("bodies over KEYSCOPE_MAX_BODY_BYTES", () => {
  it("are refused with 413", async () => {
    process.env.KEYSCOPE_MAX_BODY_BYTES = "100000";
    const { resetConfigForTests } = await import("@/lib/config");
    resetConfigForTests();
    try {
      const args = ["DEL", ...Array.from({ length: 100_000 }, (_, i) => `k${i}`)];
      const res = await run({ args });
      expect(res.status).toBe(413);
    } finally {
      delete process.env.KEYSCOPE_MAX_BODY_BYTES;
      resetConfigForTests();
    }
  });
});

describe("the console when Redis is gone", () => {
  it("answers 503 fast, not a hang", async () => {
    expect((await run({ line: "PING" })).status).toBe(200);
    await redis.server.stop();
    for (let i = 0; i < 2; i++) {
      const started = Date.now();
      const res = await run({ line: "PING" });
      expect(res.status).toBe(503);
      expect(res.json.error.code).toBe("REDIS_UNAVAILABLE");
      expect(Date.now() - started).toBeLessThan(3000);
    }
  });
});
