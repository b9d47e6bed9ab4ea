import { describe, expect, it } from "vitest";
import { withCluster } from "../cluster-harness";
import { call } from "../harness";
import * as r from "../routes";
import { finished, params, sizes, started } from "./jobs-common";

// Bulk jobs and flush on a real 3-master cluster: one job walks every master in parallel, one
// progress (the sum), per-slot UNLINK of binary keys, cancel stops every master, flush empties
// every master after one confirmation.

const c = withCluster();
const bulk = (body: unknown) => started(call(r.bulk.POST, { params, method: "POST", body }));

/** Binary keys (bytes that are not UTF-8) spread over every master. */
function binaryKeys(n: number, prefix: string): Buffer[] {
  return Array.from({ length: n }, (_, i) =>
    Buffer.concat([
      Buffer.from(prefix),
      Buffer.from([0xff, 0xfe, i & 0xff, 0x80]),
      Buffer.from(`:${i}`),
    ]),
  );
}

describe("bulk jobs on a cluster", () => {
  it("deletes binary keys by pattern on every master, in one job with the summed count", async () => {
    const doomed = binaryKeys(3000, "gone:");
    await c.seed(doomed);
    await c.seed(Array.from({ length: 1500 }, (_, i) => `kept:${i}`));
    const masters = await c.masters();
    const before = await sizes(masters);
    expect(before.every((n) => n > 500)).toBe(true); // the keys really are spread
    const dry = await finished(await bulk({ action: "delete", match: "gone:*", dryRun: true }));
    expect(dry).toMatchObject({ state: "done", matched: 3000, affected: 0, dbsize: 4500 });
    const done = await finished(await bulk({ action: "delete", match: "gone:*", dryRun: false }));
    expect(done, done.error).toMatchObject({
      state: "done",
      matched: 3000,
      affected: 3000,
      scanned: 4500,
      dbsize: 4500,
      progress: 1,
    });
    expect((await sizes(masters)).reduce((a, b) => a + b, 0)).toBe(1500);
    for (const k of doomed.slice(0, 50)) expect(await (await c.nodeFor(k)).exists(k)).toBe(0);
  });

  it("expires and persists by pattern across masters", async () => {
    await c.seed(Array.from({ length: 900 }, (_, i) => `e:${i}`));
    const done = await finished(await bulk({ action: "expire", match: "e:*", ttl: 600 }));
    expect(done).toMatchObject({ state: "done", matched: 900, affected: 900 });
    for (const k of ["e:1", "e:500", "e:899"]) {
      const ttl = await (await c.nodeFor(k)).ttl(k);
      expect(ttl).toBeGreaterThan(500);
    }
    const back = await finished(await bulk({ action: "persist", match: "e:*" }));
    expect(back).toMatchObject({ state: "done", affected: 900 });
    expect(await (await c.nodeFor("e:7")).ttl("e:7")).toBe(-1);
  });

  it("a cancel stops every master's walk", async () => {
    await c.seed(Array.from({ length: 60_000 }, (_, i) => `big:${i}`));
    // COUNT 10 keeps each master's walk thousands of steps long.
    const id = await bulk({ action: "delete", match: "nothing:*", dryRun: true, count: 10 });
    const cancel = await call(r.jobs.DELETE, { params: { jobId: id }, method: "DELETE" });
    expect(cancel.status).toBeLessThan(300);
    const done = await finished(id);
    expect(done.state).toBe("cancelled");
    expect(done.scanned).toBeLessThan(60_000);
  });

  it("db 1 is 404", async () => {
    const res = await call(r.bulk.POST, {
      params: { conn: "default", db: "1" },
      method: "POST",
      body: { action: "delete", match: "*", dryRun: true },
    });
    expect(res.status).toBe(404);
  });
});

describe("flush on a cluster", () => {
  it("FLUSHDB needs the confirmation once, then empties every master and says how many", async () => {
    await c.seed(Array.from({ length: 600 }, (_, i) => `f:${i}`));
    const masters = await c.masters();
    const refused = await call(r.flush.POST, { params, method: "POST", body: { confirm: "1" } });
    expect(refused.status).toBe(400);
    expect((await sizes(masters)).reduce((a, b) => a + b, 0)).toBe(600);
    const ok = await call(r.flush.POST, { params, method: "POST", body: { confirm: "0" } });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ flushed: true, async: true, masters: 3 });
    await new Promise((res) => setTimeout(res, 100)); // ASYNC frees in the background
    expect(await sizes(masters)).toEqual([0, 0, 0]);
  });

  it("FLUSHALL with the connection id empties every master", async () => {
    await c.seed(Array.from({ length: 300 }, (_, i) => `g:${i}`));
    const ok = await call(r.flushall.POST, {
      params: { conn: "default" },
      method: "POST",
      body: { confirm: "default" },
    });
    expect(ok.json).toMatchObject({ flushed: true, masters: 3 });
    await new Promise((res) => setTimeout(res, 100));
    expect(await sizes(await c.masters())).toEqual([0, 0, 0]);
  });
});
