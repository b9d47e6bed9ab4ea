import { afterEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { closeAllClients } from "@/lib/redis/client";
import { PROBE_INTERVAL_MS, resetProbes } from "@/lib/redis/probe";
import { type RedisProcess, startRedis } from "@/scripts/lib/redis-server.mjs";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";

// GET /api/connections/{conn}/status against a real redis-server that is stopped (killed) and
// hung (SIGSTOP): the state changes within 3 s, and every answer is immediate (from the last
// probe), hung or not.

const redis = withRedisServer({ flush: false, env: { KEYSCOPE_COMMAND_TIMEOUT_MS: "5000" } });
const params = { conn: "default" };

type Status = {
  state: string;
  checkedAt: number | null;
  latencyMs: number | null;
  error?: string;
  since: number;
};

/** One status call, with how long it took to answer. */
async function status(): Promise<Status & { tookMs: number }> {
  const started = performance.now();
  const { status: code, json } = await call(r.status.GET, { params });
  const tookMs = performance.now() - started;
  expect(code).toBe(200);
  return { ...(json as Status), tookMs };
}

/**
 * Polls status every 100 ms until `state`, as the banner does (but faster, to measure), and
 * returns how long that took. Every answer on the way must come within 100 ms.
 */
async function until(state: string, fromMs: number, limitMs = 3000) {
  const slowest = { ms: 0 };
  for (;;) {
    const s = await status();
    slowest.ms = Math.max(slowest.ms, s.tookMs);
    expect(s.tookMs, "a status answer waited on Redis").toBeLessThan(100);
    const elapsed = Date.now() - fromMs;
    if (s.state === state) return { elapsed, last: s, slowestMs: slowest.ms };
    if (elapsed > limitMs)
      throw new Error(`still "${s.state}" after ${elapsed} ms, not "${state}"`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

async function pingCalls(url: string): Promise<number> {
  const { Redis } = await import("ioredis");
  const c = new Redis(url, { protocol: 2 });
  try {
    const info = await c.info("commandstats");
    return Number(/cmdstat_ping:calls=(\d+)/.exec(info)?.[1] ?? 0);
  } finally {
    c.disconnect();
  }
}

afterEach(() => resetProbes());

describe("GET /api/connections/{conn}/status", () => {
  it("is 404 for an unknown connection", async () => {
    const { status: code, json } = await call(r.status.GET, { params: { conn: "nope" } });
    expect(code).toBe(404);
    expect(json.error.code).toBe("NOT_FOUND");
  });

  it("needs auth when auth is on, and answers in read-only mode (it is a read)", async () => {
    process.env.KEYSCOPE_PASSWORD = "pw-for-status";
    process.env.KEYSCOPE_TOKEN = "token-for-status";
    process.env.KEYSCOPE_READ_ONLY = "1";
    resetConfigForTests();
    try {
      const none = await call(r.status.GET, { params });
      expect(none.status).toBe(401);
      expect(none.json.error.code).toBe("UNAUTHORIZED");
      const withToken = await call(r.status.GET, {
        params,
        headers: { authorization: "Bearer token-for-status" },
      });
      expect(withToken.status).toBe(200);
    } finally {
      delete process.env.KEYSCOPE_PASSWORD;
      delete process.env.KEYSCOPE_TOKEN;
      delete process.env.KEYSCOPE_READ_ONLY;
      resetConfigForTests();
    }
  });

  it("says ok with a latency once probed, and sends nothing to Redis until asked", async () => {
    const before = await pingCalls(redis.server.url);
    await new Promise((res) => setTimeout(res, 1200));
    expect(await pingCalls(redis.server.url)).toBe(before);
    const first = await status();
    expect(["unknown", "ok"]).toContain(first.state);
    const { last } = await until("ok", Date.now(), 2000);
    expect(last.latencyMs).toBeGreaterThanOrEqual(0);
    expect(last.latencyMs).toBeLessThan(100);
    expect(last.checkedAt).toBeGreaterThan(Date.now() / 1000 - 2);
    expect(last.error).toBeUndefined();
  });

  it("says down within 3 s of Redis stopping, fast, and ok within 3 s of its return", async () => {
    const server = await startRedis();
    await useServer(server.url);
    let again: RedisProcess | undefined;
    try {
      await until("ok", Date.now());
      const stoppedAt = Date.now();
      await server.stop();
      const down = await until("down", stoppedAt);
      expect(down.last.error).toMatch(/Cannot reach Redis|unreachable/);
      expect(down.last.since).toBeGreaterThanOrEqual(stoppedAt / 1000 - 0.1);
      // The state holds, with the same `since`, while Redis stays away.
      await new Promise((res) => setTimeout(res, 1000));
      const still = await status();
      expect(still.state).toBe("down");
      expect(still.since).toBe(down.last.since);

      const backAt = Date.now();
      again = await startRedis({ port: server.port });
      const ok = await until("ok", backAt);
      console.log(
        `status: down after ${down.elapsed} ms, ok ${ok.elapsed} ms after the restart; slowest answer ${Math.max(down.slowestMs, ok.slowestMs).toFixed(1)} ms`,
      );
    } finally {
      await again?.stop();
      await server.stop();
    }
  }, 20_000);

  it("says hung within 3 s of a SIGSTOP, answers in < 100 ms meanwhile, sends one PING at a time", async () => {
    const server = await startRedis();
    await useServer(server.url);
    try {
      await until("ok", Date.now());
      const pingsBefore = await pingCalls(server.url);
      const pausedAt = Date.now();
      server.pause();
      const hung = await until("hung", pausedAt);
      expect(hung.last.error).toMatch(/No answer to PING|does not answer/);
      // Stays hung for longer than the probe interval, answering at once every time.
      const held = await until("never", Date.now(), 2500).catch((e: Error) => e);
      expect(String(held)).toMatch(/still "hung"/);
      const resumedAt = Date.now();
      server.resume();
      const ok = await until("ok", resumedAt);
      // ~4 s paused at one probe each 0.25 s: only the one PING in flight was sent meanwhile
      // (it is answered on SIGCONT), plus those after the resume (the status INFO adds none).
      const sent = (await pingCalls(server.url)) - pingsBefore;
      expect(sent).toBeLessThanOrEqual(1 + Math.ceil((Date.now() - resumedAt) / 250) + 1);
      console.log(
        `status: hung after ${hung.elapsed} ms, ok ${ok.elapsed} ms after SIGCONT; slowest answer ${Math.max(hung.slowestMs, ok.slowestMs).toFixed(1)} ms; ${sent} PINGs`,
      );
    } finally {
      await server.stop();
    }
  }, 20_000);

  it("keeps one `since` through a hang that outlasts the command timeout", async () => {
    const server = await startRedis();
    process.env.KEYSCOPE_COMMAND_TIMEOUT_MS = "1000"; // each PING fails after 1 s: several settle
    await useServer(server.url);
    try {
      await until("ok", Date.now());
      const pausedAt = Date.now();
      server.pause();
      const first = await until("hung", pausedAt);
      const seen = new Set<number>();
      const states = new Set<string>();
      while (Date.now() - pausedAt < 4000) {
        const s = await status();
        states.add(s.state);
        seen.add(s.since);
        await new Promise((res) => setTimeout(res, 100));
      }
      expect([...states]).toEqual(["hung"]);
      expect([...seen]).toEqual([first.last.since]);
      expect(first.last.since).toBeLessThanOrEqual(
        pausedAt / 1000 + PROBE_INTERVAL_MS / 1000 + 0.05,
      );
      server.resume();
      await until("ok", Date.now());
    } finally {
      process.env.KEYSCOPE_COMMAND_TIMEOUT_MS = "5000";
      await server.stop();
    }
  }, 20_000);
});

/** Points the default connection at `url`, with fresh clients and probes. */
async function useServer(url: string) {
  process.env.REDIS_URL = url;
  resetConfigForTests();
  resetProbes();
  await closeAllClients();
}
