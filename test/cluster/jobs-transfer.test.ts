import { describe, expect, it } from "vitest";
import { withCluster } from "../cluster-harness";
import { call, send } from "../harness";
import * as r from "../routes";
import { finished, params, sizes, started } from "./jobs-common";

// Analysis, export → flush → import, and Celery on a real 3-master cluster: every master is
// read, totals match the DBSIZE sum, each imported key lands on the master of its slot.

const c = withCluster();
const SEP = "\x06\x16";

async function analyse(body: Record<string, unknown>) {
  const id = await started(call(r.analysis.POST, { params, method: "POST", body }));
  const done = await finished(id);
  expect(done.state, done.error).toBe("done");
  const got = await call(r.analysisReport.GET, { params: { conn: "default", id: done.reportId } });
  expect(got.status).toBe(200);
  return { job: done, report: got.json };
}

const bin = (i: number) =>
  Buffer.concat([
    Buffer.from("b:"),
    Buffer.from([0xff, i & 0xff, 0x00, 0x9c]),
    Buffer.from(String(i)),
  ]);

describe("analysis on a cluster", () => {
  it("full mode reads every key of every master into one report", async () => {
    await c.seed(Array.from({ length: 3000 }, (_, i) => `user:${i}`));
    await c.seed(Array.from({ length: 300 }, (_, i) => bin(i)));
    const total = (await sizes(await c.masters())).reduce((a, b) => a + b, 0);
    expect(total).toBe(3300);
    const { job, report } = await analyse({ mode: "full" });
    expect(job.dbsize).toBe(3300);
    expect(report).toMatchObject({ mode: "full", keys: 3300, keysRead: 3300, dbsize: 3300 });
  });

  it("sample mode samples each master in proportion to its DBSIZE; the estimate is the sum", async () => {
    await c.seed(Array.from({ length: 6000 }, (_, i) => `s:${i}`));
    const { job, report } = await analyse({ mode: "sample", sampleSize: 900 });
    expect(job.dbsize).toBe(6000);
    expect(report.keysRead).toBeGreaterThanOrEqual(898); // rounding of three shares
    expect(report.keysRead).toBeLessThanOrEqual(902);
    expect(Math.abs(report.keys - 6000)).toBeLessThanOrEqual(1);
  });
});

describe("export → flush → import on a cluster", () => {
  it("brings back binary keys, values and TTLs, each on its own master (jsonl and dump-csv)", async () => {
    const keys = Array.from({ length: 400 }, (_, i) => bin(i));
    await c.seed(keys, Buffer.from([0xc3, 0x28, 0x00]));
    const ttlKey = bin(7);
    await (await c.nodeFor(ttlKey)).pexpire(ttlKey, 600_000);
    await c.raw.hset("h:{x}", "f", "v");
    for (const format of ["jsonl", "dump-csv"]) {
      const id = await started(
        call(r.exportKeys.POST, { params, method: "POST", body: { match: "*", format } }),
      );
      const exported = await finished(id);
      expect(exported.state, exported.error).toBe("done");
      const file = Buffer.from(
        await (await send(r.jobDownload.GET, { params: { jobId: id } })).arrayBuffer(),
      );
      await Promise.all((await c.masters()).map((m) => m.flushall()));
      const imp = await finished(
        await started(call(r.importKeys.POST, { params, method: "POST", body: file })),
      );
      expect(imp, imp.error).toMatchObject({ state: "done", imported: 401, failed: 0 });
      for (const k of [bin(0), bin(199), bin(399)]) {
        const node = await c.nodeFor(k);
        expect((await node.getBuffer(k))?.toString("hex")).toBe("c32800");
      }
      const ttl = await (await c.nodeFor(ttlKey)).pttl(ttlKey);
      expect(ttl).toBeGreaterThan(500_000);
      expect(await c.raw.hget("h:{x}", "f")).toBe("v");
      expect((await sizes(await c.masters())).reduce((a, b) => a + b, 0)).toBe(401);
      // onConflict: skip (the default) leaves what is there; replace writes again.
      const again = await finished(
        await started(call(r.importKeys.POST, { params, method: "POST", body: file })),
      );
      expect(again).toMatchObject({ imported: 0, skipped: 401 });
      const replaced = await finished(
        await started(
          call(r.importKeys.POST, {
            params,
            method: "POST",
            query: { onConflict: "replace" },
            body: file,
          }),
        ),
      );
      expect(replaced).toMatchObject({ imported: 401, failed: 0 });
    }
  });
});

describe("Celery on a cluster", () => {
  it("counts queues whose keys live on different masters", async () => {
    const names = ["alpha", "beta", "gamma", "delta", "omega", "media"];
    const ports = new Set<unknown>();
    for (const [i, q] of names.entries()) {
      const node = await c.nodeFor(q);
      ports.add(node.options.port);
      for (let n = 0; n <= i; n++) await node.lpush(q, "{}");
      const sub = `${q}${SEP}3`;
      await (await c.nodeFor(sub)).lpush(sub, "{}", "{}");
      const binding = `_kombu.binding.${q}`;
      await (await c.nodeFor(binding)).sadd(binding, `${q}${SEP}${SEP}${q}`);
    }
    expect(ports.size).toBeGreaterThan(1);
    const { status, json } = await call(r.celery.GET, { params });
    expect(status).toBe(200);
    const byName = Object.fromEntries(json.queues.map((q: any) => [q.name, q]));
    for (const [i, q] of names.entries()) {
      expect(byName[q], q).toMatchObject({ name: q, length: i + 1 + 2, bound: true });
    }
    const msgs = await call(r.celeryMessages.GET, { params: { ...params, name: "omega" } });
    expect(msgs.status).toBe(200);
    expect(msgs.json.total).toBe(7);
  });
});
