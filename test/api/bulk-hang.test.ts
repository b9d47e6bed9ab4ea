import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";

// A bulk job whose Redis hangs mid-walk (issue 9): the step that timed out still runs once Redis
// answers again, so the job's count must say it is a lower bound, and is made exact when the
// late answer arrives. Redis is SIGSTOPped and SIGCONTed for real.
const redis = withRedisServer({ env: { KEYSCOPE_COMMAND_TIMEOUT_MS: "800" } });
const params = { conn: "default", db: "0" };
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));
const job = (jobId: string) => call(r.jobs.GET, { params: { jobId } });

async function seed(n: number) {
  for (let from = 0; from < n; from += 10_000) {
    const p = redis.raw.pipeline();
    for (let i = from; i < Math.min(n, from + 10_000); i++) p.set(`hang:${i}`, "v");
    await p.exec();
  }
}

/** Starts a slow delete and stops Redis once the job has deleted something. */
async function startAndHang(n: number) {
  await seed(n);
  const started = await call(r.bulk.POST, {
    params,
    body: { action: "delete", match: "hang:*", count: 20 },
  });
  expect(started.status).toBe(202);
  const { jobId } = started.json;
  let seen = (await job(jobId)).json;
  // Polled with a pause: a loop of route calls alone never yields to the job's socket I/O.
  while (seen.state === "running" && seen.affected < 500) {
    await sleep(5);
    seen = (await job(jobId)).json;
  }
  expect(seen.state).toBe("running");
  redis.server.pause();
  return jobId as string;
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  let v = await read();
  while (!ok(v) && Date.now() < deadline) {
    await sleep(50);
    v = await read();
  }
  return v;
}

describe("a bulk job when Redis hangs", () => {
  it("says 'at least' while the timed-out step is unknown, and reconciles when Redis answers", async () => {
    const n = 40_000;
    const jobId = await startAndHang(n);
    let failed: any;
    try {
      failed = await until(
        async () => (await job(jobId)).json,
        (j) => j.state !== "running",
      );
      expect(failed.state).toBe("failed");
      expect(failed.affectedIsLowerBound).toBe(true);
      expect(failed.settling).toBe(true);
      expect(failed.error).toMatch(/did not answer/i);
    } finally {
      redis.server.resume();
    }
    const left = await redis.raw.dbsize();
    // The step that timed out ran once Redis went on: more keys are gone than were counted …
    expect(n - left).toBeGreaterThan(failed.affected);
    // … and the late answer makes the count exact again.
    const after = await until(
      async () => (await job(jobId)).json,
      (j) => j.affectedIsLowerBound === false,
    );
    expect(after.affectedIsLowerBound).toBe(false);
    expect(after.settling).toBe(false);
    expect(after.affected).toBe(n - (await redis.raw.dbsize()));
    expect(after.state).toBe("failed");

    // The audit entry is written once the count is settled, with the exact number.
    const log = join(process.env.KEYSCOPE_DATA_DIR as string, "audit.log");
    const entry = await until(
      async () =>
        readFileSync(log, "utf8")
          .split("\n")
          .filter(Boolean)
          .map((l) => JSON.parse(l))
          .find((e) => e.detail?.jobId === jobId),
      (e) => e !== undefined,
    );
    expect(entry.detail).toMatchObject({
      state: "failed",
      affected: after.affected,
      affectedIsLowerBound: false,
    });
  });

  it("stays 'at least' when Redis does not answer within the wait", async () => {
    const n = 20_000;
    const jobId = await startAndHang(n);
    let last: any;
    try {
      last = await until(
        async () => (await job(jobId)).json,
        (j) => j.state !== "running",
      );
      expect(last.affectedIsLowerBound).toBe(true);
      // The job waits a bounded time (6 × the command timeout here) for the late answer, then
      // gives up on it and closes its connection.
      const log = join(process.env.KEYSCOPE_DATA_DIR as string, "audit.log");
      const entry = await until(
        async () =>
          readFileSync(log, "utf8")
            .split("\n")
            .filter(Boolean)
            .map((l) => JSON.parse(l))
            .find((e) => e.detail?.jobId === jobId),
        (e) => e !== undefined,
        12_000,
      );
      expect(entry?.detail).toMatchObject({ state: "failed", affectedIsLowerBound: true });
    } finally {
      redis.server.resume();
    }
    await sleep(300);
    const still = (await job(jobId)).json;
    expect(still.affectedIsLowerBound).toBe(true);
    expect(still.settling).toBe(false);
    expect(still.affected).toBe(last.affected);
  }, 30_000);

  it("says 'at least' when the job's connection is cut mid-walk", async () => {
    await seed(20_000);
    const started = await call(r.bulk.POST, {
      params,
      body: { action: "delete", match: "hang:*", count: 20 },
    });
    const { jobId } = started.json;
    let seen = (await job(jobId)).json;
    while (seen.state === "running" && seen.affected < 500) {
      await sleep(5);
      seen = (await job(jobId)).json;
    }
    await redis.raw.call("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes");
    const ended = await until(
      async () => (await job(jobId)).json,
      (j) => j.state !== "running",
    );
    expect(ended.state).toBe("failed");
    expect(ended.affectedIsLowerBound).toBe(true);
    expect(ended.settling).toBe(false);
  });
});
