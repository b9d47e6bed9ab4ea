import { describe, expect, it } from "vitest";
import { asRestrictedUser, call, withRedisServer } from "../harness";
import * as r from "../routes";

const redis = withRedisServer();
const conn = { conn: "default" };

/** ~60 ms of server time: the harness's redis-server refuses DEBUG SLEEP (enable-debug-command). */
const busy = () =>
  redis.raw.eval(
    "local t = redis.call('TIME'); local s = t[1] * 1e6 + t[2]; repeat t = redis.call('TIME') until t[1] * 1e6 + t[2] - s > 60000",
    0,
  );

describe("GET /latency", () => {
  it("says the monitor is off (threshold 0) with nothing recorded", async () => {
    await redis.raw.config("SET", "latency-monitor-threshold", "0");
    await redis.raw.latency("RESET");
    const { status, json } = await call(r.latency.GET, { params: conn });
    expect(status).toBe(200);
    expect(json.thresholdMs).toBe(0);
    expect(json.latest).toEqual([]);
    expect(typeof json.doctor).toBe("string");
  });

  it("reports a slow command as the latest event, with its history and the doctor's words", async () => {
    await redis.raw.config("SET", "latency-monitor-threshold", "1");
    await redis.raw.latency("RESET");
    try {
      await busy();
      await new Promise((res) => setTimeout(res, 1100)); // a second sample has its own second
      await busy();
      const { json } = await call(r.latency.GET, { params: conn });
      expect(json.thresholdMs).toBe(1);
      const command = json.latest.find((e: any) => e.event === "command");
      expect(command).toBeDefined();
      expect(command.latestMs).toBeGreaterThanOrEqual(50);
      expect(command.maxMs).toBeGreaterThanOrEqual(command.latestMs);
      expect(Math.abs(command.time - Date.now() / 1000)).toBeLessThan(10);
      expect(json.doctor).toMatch(/command/);
      // INFO latencystats: the busy script is the slowest command, at p50 as at p99.9.
      const evalStats = json.commandPercentiles[0];
      expect(evalStats.command).toBe("eval");
      expect(evalStats.percentilesUs.map(([p]: [string]) => p)).toEqual(["p50", "p99", "p99.9"]);
      for (const [, us] of evalStats.percentilesUs) expect(us).toBeGreaterThanOrEqual(50_000);

      const history = await call(r.latencyHistory.GET, {
        params: conn,
        query: { event: "command" },
      });
      expect(history.status).toBe(200);
      expect(history.json.event).toBe("command");
      expect(history.json.points.length).toBe(2);
      for (const [t, ms] of history.json.points) {
        expect(ms).toBeGreaterThanOrEqual(50);
        expect(Math.abs(t - Date.now() / 1000)).toBeLessThan(10);
      }
    } finally {
      await redis.raw.config("SET", "latency-monitor-threshold", "0");
    }
  });

  it("answers an unknown event with no points, and a malformed one with 400", async () => {
    const unknown = await call(r.latencyHistory.GET, {
      params: conn,
      query: { event: "no-such-event" },
    });
    expect(unknown.status).toBe(200);
    expect(unknown.json).toEqual({ event: "no-such-event", points: [] });
    for (const event of ["", "Command", "a b", "x".repeat(65), "évent", "a_b"]) {
      const { status, json } = await call(r.latencyHistory.GET, { params: conn, query: { event } });
      expect(status).toBe(400);
      expect(json.error.message).toMatch(/event/);
    }
  });

  it("says clearly when the Redis user may not run LATENCY (managed services)", async () => {
    await asRestrictedUser(redis, ["-@admin"], async () => {
      const { status, json } = await call(r.latency.GET, { params: conn });
      expect(status).toBe(403);
      expect(json.error.code).toBe("FORBIDDEN");
      expect(json.error.message).toMatch(/refuses LATENCY/);
      const history = await call(r.latencyHistory.GET, {
        params: conn,
        query: { event: "command" },
      });
      expect(history.status).toBe(403);
    });
  });
});

describe("latency with Redis down", () => {
  const down = withRedisServer({ flush: false });
  it("answers 503 REDIS_UNAVAILABLE", async () => {
    await down.server.stop();
    const { status, json } = await call(r.latency.GET, { params: conn });
    expect(status).toBe(503);
    expect(json.error.code).toBe("REDIS_UNAVAILABLE");
  });
});
