import { performance } from "node:perf_hooks";
import { Redis } from "ioredis";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_WAITING } from "@/lib/redis/scan-queue";
import { call, send, withRedisServer } from "../harness";
import * as r from "../routes";

// Glob patterns that would hold Redis (issue 9): Redis's stringmatchlen backtracks, so a `*`
// followed by many `?` costs (key length × pattern length) per key examined, and 8 walks of
// `*` + `?`×4094 + `b` on 200k keys made a PING from elsewhere wait 460–1239 ms. Keyscope
// refuses absurd patterns, paces the COUNT of costly ones, and runs one SCAN step per node at a
// time, so another client's PING waits for at most one short step.

const redis = withRedisServer({ flush: false });
type SlowEntry = [id: number, at: number, micros: number, command: string[]];
const params = { conn: "default", db: "0" };
const KEYS = 200_000;
const ABSURD = `*${"?".repeat(4094)}b`;
// Patterns at the limits Keyscope accepts, each as costly as it allows.
const HOSTILE = [
  `*${"?".repeat(63)}b`,
  `*${"[a-z]".repeat(63)}b`,
  `*${"a".repeat(200)}b`,
  `${"*a".repeat(16)}b`,
];

beforeAll(async () => {
  await redis.raw.flushall();
  // ~70-byte names whose tails match the hostile patterns as far as they can go.
  const tail = "a".repeat(50);
  for (let start = 0; start < KEYS; start += 10_000) {
    const args: string[] = [];
    for (let i = start; i < start + 10_000; i++) args.push(`user:${i}:${tail}`, "v");
    await redis.raw.mset(args);
  }
  const p = redis.raw.pipeline();
  for (let i = 0; i < 20_000; i += 1000) {
    const fields: string[] = [];
    for (let j = i; j < i + 1000; j++) fields.push(`field:${j}:${tail}`, "v");
    p.hset("big:hash", fields);
  }
  await p.exec();
}, 60_000);

describe("absurd glob patterns", () => {
  it("are refused with 400 naming match and its limits, for keys, values and bulk jobs", async () => {
    const keys = await call(r.keys.GET, { params, query: { match: ABSURD } });
    expect(keys.status).toBe(400);
    expect(keys.json.error.message).toMatch(/^match: .*1024 bytes.*16 `\*`.*64/);
    const b64 = await call(r.keys.GET, {
      params,
      query: { match64: Buffer.from(`${"*?".repeat(40)}`).toString("base64url"), meta: "0" },
    });
    expect(b64.status).toBe(400);
    expect(b64.json.error.message).toMatch(/^match: /);
    const value = await call(r.value.GET, {
      params,
      query: { key: "big:hash", match: `*${"?".repeat(65)}` },
    });
    expect(value.status).toBe(400);
    expect(value.json.error.message).toMatch(/^match: /);
    const bulk = await call(r.bulk.POST, {
      params,
      method: "POST",
      body: { action: "delete", match: ABSURD },
    });
    expect(bulk.status).toBe(400);
    expect(bulk.json.error.message).toMatch(/^match: /);
    expect(await redis.raw.dbsize()).toBe(KEYS + 1);
  });

  it("accepts ordinary patterns, escapes and classes", async () => {
    for (const match of ["user:1*", "user:[0-9]?:*", "user:\\*", `*${"?".repeat(36)}*`, "*"]) {
      const { status } = await call(r.keys.GET, { params, query: { match, count: "10" } });
      expect(status, match).toBe(200);
    }
  });
});

describe("hostile walks in parallel", () => {
  it("keep a PING from another connection under 200 ms throughout", async () => {
    await redis.raw.config("SET", "slowlog-log-slower-than", "20000");
    await redis.raw.call("SLOWLOG", "RESET");
    const pinger = new Redis(redis.server.url, { protocol: 2 });
    const pings: number[] = [];
    let walking = true;
    const pingLoop = (async () => {
      while (walking) {
        const t0 = performance.now();
        await pinger.ping();
        pings.push(performance.now() - t0);
        await new Promise((res) => setTimeout(res, 5));
      }
    })();
    const deadline = Date.now() + 45_000;
    const walk = async (query: Record<string, string>) => {
      let cursor = "0";
      let steps = 0;
      do {
        const res = await call(r.keys.GET, { params, query: { ...query, cursor } });
        expect(res.status, JSON.stringify(res.json)).toBe(200);
        cursor = res.json.cursor;
        steps++;
      } while (cursor !== "0" && Date.now() < deadline);
      return { cursor, steps };
    };
    const hashWalk = async (match: string) => {
      let cursor = "0";
      do {
        const res = await call(r.value.GET, {
          params,
          query: { key: "big:hash", match, cursor, count: "5000" },
        });
        expect(res.status, JSON.stringify(res.json)).toBe(200);
        cursor = res.json.cursor;
      } while (cursor !== "0" && Date.now() < deadline);
      return { cursor };
    };
    try {
      const walks = await Promise.all([
        ...HOSTILE.map((match) => walk({ match, meta: "0", count: "5000" })),
        ...HOSTILE.slice(0, 3).map((match) => walk({ match, count: "5000" })),
        hashWalk(HOSTILE[0] as string),
      ]);
      // Every walk got to the end: pacing slows a hostile walk down, it does not stop it.
      expect(walks.map((w) => w.cursor)).toEqual(walks.map(() => "0"));
    } finally {
      walking = false;
      await pingLoop;
      pinger.disconnect();
    }
    // A failure names the longest steps as Redis measured them (SLOWLOG, wall time: on a busy
    // machine a step also counts the time Redis was not scheduled).
    const slow = (await redis.raw.call("SLOWLOG", "GET", "1000")) as SlowEntry[];
    const slowest = slow
      .sort((x, y) => y[2] - x[2])
      .slice(0, 5)
      .map((e) => `${e[2] / 1000} ms: ${e[3].join(" ").slice(0, 60)}`);
    expect(pings.length).toBeGreaterThan(50);
    expect(Math.max(...pings), `longest steps:\n${slowest.join("\n")}`).toBeLessThan(200);
  }, 90_000);

  it("a bulk dry run with a hostile pattern keeps PING under 200 ms too", async () => {
    const started = await call(r.bulk.POST, {
      params,
      method: "POST",
      body: { action: "delete", match: HOSTILE[1], dryRun: true, count: 5000 },
    });
    expect(started.status, JSON.stringify(started.json)).toBe(202);
    const pings: number[] = [];
    const deadline = Date.now() + 30_000;
    let state = "running";
    while (state === "running" && Date.now() < deadline) {
      const t0 = performance.now();
      await redis.raw.ping();
      pings.push(performance.now() - t0);
      state = (await call(r.jobs.GET, { params: { jobId: started.json.jobId } })).json.state;
      await new Promise((res) => setTimeout(res, 5));
    }
    expect(state).toBe("done");
    expect(Math.max(...pings)).toBeLessThan(200);
  }, 40_000);
});

describe("a full scan queue", () => {
  it("answers 429 TOO_MANY_REQUESTS with retry-after instead of queueing without end", async () => {
    // Warm up: the database count and the script are cached after one request.
    expect((await call(r.keys.GET, { params, query: { count: "1" } })).status).toBe(200);
    const pauser = new Redis(redis.server.url, { protocol: 2 });
    try {
      // Redis holds every command for 400 ms: the first step waits in Redis, the rest queue.
      await pauser.call("CLIENT", "PAUSE", "400", "ALL");
      const answers = await Promise.all(
        Array.from({ length: MAX_WAITING + 30 }, (_, i) =>
          send(r.keys.GET, { params, query: { match: HOSTILE[0], meta: "0", cursor: String(i) } }),
        ),
      );
      const refused = answers.filter((a) => a.status === 429);
      expect(refused.length).toBeGreaterThan(0);
      for (const a of refused) {
        expect(a.headers.get("retry-after")).toMatch(/^\d+$/);
        expect((await a.json()).error.code).toBe("TOO_MANY_REQUESTS");
      }
      expect(answers.filter((a) => a.status !== 429).map((a) => a.status)).toEqual(
        answers.filter((a) => a.status !== 429).map(() => 200),
      );
    } finally {
      pauser.disconnect();
    }
  });
});
