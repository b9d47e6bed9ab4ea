import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { call, withRedisServer } from "../harness";
import { loadPythonApps } from "../python-apps";
import * as r from "../routes";

// The Celery endpoints on real kombu / Celery bytes (fixtures/python-apps.json: db 2 is the
// broker, db 3 the result backend), and at scale: 10,000 queues in one pipeline.

const redis = withRedisServer();
const broker = { conn: "default", db: "2" };
const results = { conn: "default", db: "3" };
const SEP = "\x06\x16";

describe("GET …/celery", () => {
  it("lists the bound queues with every priority sub-queue counted", async () => {
    await loadPythonApps(redis.server.url, [2, 3]);
    const { status, json } = await call(r.celery.GET, { params: broker });
    expect(status).toBe(200);
    const byName = Object.fromEntries(json.queues.map((q: any) => [q.name, q]));
    expect(Object.keys(byName).sort()).toEqual(["celery", "media", "pickled"]);
    expect(byName.celery.length).toBe(2); // 1 in `celery`, 1 in `celery\x06\x163`
    expect(byName.celery.subqueues).toEqual([
      { key: "celery", priority: 0, length: 1 },
      { key: `celery${SEP}3`, priority: 3, length: 1 },
    ]);
    expect(byName.celery.oldest).toEqual({
      task: "proj.resize_image",
      id: "3dad9dd0-06e2-4541-884a-5448a74ecae0",
      eta: null,
    });
    expect(byName.media.oldest.eta).toBe("2026-11-21T23:18:27.760210+00:00");
    expect(byName.pickled.bound).toBe(true);
    expect(json.unacked).toBe(0);
    expect(json.capped).toBeUndefined();
  });

  it("answers empty lists for a database with no Celery data", async () => {
    await redis.raw.set("celeryx", "not a queue");
    const { status, json } = await call(r.celery.GET, { params: { conn: "default", db: "5" } });
    expect(status).toBe(200);
    expect(json).toEqual({ queues: [], unacked: 0 });
    const msgs = await call(r.celeryMessages.GET, { params: { ...broker, db: "5", name: "nope" } });
    expect(msgs.json).toEqual({ queue: "nope", total: 0, offset: 0, messages: [] });
    expect(
      (await call(r.celeryUnacked.GET, { params: { ...broker, db: "5" } })).json.messages,
    ).toEqual([]);
    expect(
      (await call(r.celeryResults.GET, { params: { ...broker, db: "5" } })).json.results,
    ).toEqual([]);
  });

  it("counts 10,000 queues × 4 steps in bounded time with one pipeline (and finds a step 6)", async () => {
    const c = new Redis(redis.server.url, { db: 4, protocol: 2 });
    const p = c.pipeline();
    for (let i = 0; i < 10_000; i++) {
      p.sadd(`_kombu.binding.q${i}`, `q${i}${SEP}${SEP}q${i}`);
      p.rpush(`q${i}`, "{}");
      if (i % 10 === 0) p.rpush(`q${i}${SEP}6`, "{}", "{}");
    }
    await p.exec();
    await c.config("RESETSTAT");
    const reads = async () =>
      Number(/total_reads_processed:(\d+)/.exec(await c.info("stats"))?.[1]);
    const readsBefore = await reads();
    const started = performance.now();
    const { status, json } = await call(r.celery.GET, { params: { conn: "default", db: "4" } });
    const ms = performance.now() - started;
    const socketReads = (await reads()) - readsBefore;
    const stats = (await c.info("commandstats")).toString();
    const llen = Number(/cmdstat_llen:calls=(\d+)/.exec(stats)?.[1]);
    c.disconnect();
    expect(status).toBe(200);
    expect(json.queues).toHaveLength(10_000);
    expect(json.queues[0]).toMatchObject({ length: 3 });
    expect(json.queues[0].subqueues.map((s: any) => s.priority)).toEqual([0, 6]);
    // Every queue's 4 default steps (+ the default queue `celery`'s 4: it is always asked for).
    expect(llen).toBe(40_004);
    // Pipelined: Redis read 40k commands in a few socket reads (one each when sent one by one);
    // the rest are the SCAN steps (10k binding keys) and the first 100 queues' summaries.
    expect(socketReads).toBeLessThan(2000);
    console.log(`10,000 queues: ${ms.toFixed(0)} ms, ${llen} LLEN, ${socketReads} socket reads`);
    expect(ms).toBeLessThan(8000);
  }, 30_000);
  it("says when its key scan stopped at the limit, and still answers", async () => {
    const c = new Redis(redis.server.url, { db: 6, protocol: 2 });
    const p = c.pipeline();
    for (let i = 0; i < 25_000; i++) p.rpush(`w${i}${SEP}3`, "{}");
    await p.exec();
    const { status, json } = await call(r.celery.GET, { params: { conn: "default", db: "6" } });
    c.disconnect();
    expect(status).toBe(200);
    expect(json.capped).toMatch(/priority sub-queues stopped at its limit/);
    expect(json.queues.length).toBeGreaterThanOrEqual(20_000);
    expect(json.queues.length).toBeLessThan(25_000);
  }, 30_000);
});

describe("GET …/celery/queues/{name}/messages", () => {
  it("reads messages across the priority steps, next first, decoded", async () => {
    await loadPythonApps(redis.server.url, [2]);
    const { status, json } = await call(r.celeryMessages.GET, {
      params: { ...broker, name: "celery" },
    });
    expect(status).toBe(200);
    expect(json.total).toBe(2);
    const [first, second] = json.messages;
    expect(first).toMatchObject({
      task: "proj.resize_image",
      step: 0,
      subqueue: "celery",
      retries: 0,
    });
    expect(first.args).toBe("[501]");
    expect(first.kwargs).toContain("grace@example.org");
    expect(second).toMatchObject({ step: 3, priority: 5, args: "[502]" });
    expect(second.raw).toContain('"body"');
    const window = await call(r.celeryMessages.GET, {
      params: { ...broker, name: "celery" },
      query: { offset: "1", count: "1" },
    });
    expect(window.json.messages.map((m: any) => m.args)).toEqual(["[502]"]);
    const media = (await call(r.celeryMessages.GET, { params: { ...broker, name: "media" } })).json;
    expect(media.messages[0]).toMatchObject({
      eta: "2026-11-21T23:18:27.760210+00:00",
      expires: "2026-11-21T23:27:57.760210+00:00",
    });
  });

  it("reads a pickled body with the inert pickle reader", async () => {
    await loadPythonApps(redis.server.url, [2]);
    const { json } = await call(r.celeryMessages.GET, { params: { ...broker, name: "pickled" } });
    expect(json.messages[0]).toMatchObject({
      task: "proj.resize_image",
      contentType: "application/x-python-serialize",
      kwargs: "{}",
    });
    // The pickle reader's repr of a datetime (its wording is that reader's).
    expect(json.messages[0].args).toMatch(/^\(datetime\.datetime\(2024.*\), 2\)$/);
  });

  it("refuses bad windows with a 400", async () => {
    for (const query of [
      { count: "501" },
      { count: "0" },
      { offset: "-1" },
      { offset: "x" },
      { other: "1" },
    ]) {
      const { status, json } = await call(r.celeryMessages.GET, {
        params: { ...broker, name: "celery" },
        query,
      });
      expect(status).toBe(400);
      expect(json.error.code).toBe("BAD_REQUEST");
    }
    expect(
      (await call(r.celeryResults.GET, { params: results, query: { cursor: "abc" } })).status,
    ).toBe(400);
  });
});

describe("GET …/celery/unacked and …/results", () => {
  it("lists in-flight messages with their age, from unacked_index", async () => {
    await loadPythonApps(redis.server.url, [2]);
    const c = redis.raw.duplicate();
    await c.select(2);
    const [msg] = (await c.lrange("celery", 0, 0)) as [string];
    const since = Date.now() / 1000 - 42;
    await c.hset("unacked", "tag-1", JSON.stringify([JSON.parse(msg), "", "celery"]));
    await c.zadd("unacked_index", since, "tag-1");
    c.disconnect();
    const overview = await call(r.celery.GET, { params: broker });
    expect(overview.json.unacked).toBe(1);
    const { json } = await call(r.celeryUnacked.GET, { params: broker });
    expect(json.total).toBe(1);
    expect(json.messages[0]).toMatchObject({
      tag: "tag-1",
      task: "proj.resize_image",
      routingKey: "celery",
      exchange: "",
    });
    expect(json.messages[0].ageSeconds).toBeGreaterThanOrEqual(41);
  });

  it("lists results with status, the failure's exception and traceback", async () => {
    await loadPythonApps(redis.server.url, [3]);
    const { status, json } = await call(r.celeryResults.GET, {
      params: results,
      query: { count: "50" },
    });
    expect(status).toBe(200);
    const byStatus = Object.fromEntries(json.results.map((x: any) => [x.status, x]));
    expect(byStatus.SUCCESS.result).toContain("grace@example.org");
    expect(byStatus.FAILURE).toMatchObject({
      taskId: "failed-task-1",
      error: "ValueError: image too large",
    });
    expect(byStatus.FAILURE.traceback).toContain("raise ValueError('image too large')");
  });

  it("reads a pickled result (result_serializer = pickle)", async () => {
    // Protocol 2: } ( "status" "SUCCESS" "task_id" "p-1" "result" 42 "traceback" None u .
    const u = (t: string) => {
      const b = Buffer.from(t);
      const len = Buffer.alloc(4);
      len.writeUInt32LE(b.length);
      return Buffer.concat([Buffer.from("X"), len, b]);
    };
    const doc = Buffer.concat([
      Buffer.from([0x80, 0x02, 0x7d, 0x28]),
      ...[u("status"), u("SUCCESS"), u("task_id"), u("p-1"), u("result")],
      Buffer.from([0x4b, 42]),
      u("traceback"),
      Buffer.from("Nu."),
    ]);
    const c = redis.raw.duplicate();
    await c.select(3);
    await c.set("celery-task-meta-p-1", doc);
    c.disconnect();
    const { json } = await call(r.celeryResults.GET, { params: results });
    expect(json.results).toEqual([
      expect.objectContaining({
        key: "celery-task-meta-p-1",
        taskId: "p-1",
        status: "SUCCESS",
        result: "42",
      }),
    ]);
  });

  it("decodes a result and a message through the value route (celery-message)", async () => {
    await loadPythonApps(redis.server.url, [2, 3]);
    const res = await call(r.value.GET, {
      params: results,
      query: { key: "celery-task-meta-failed-task-1", decode: "1" },
    });
    expect(res.json.decoded.format).toBe("celery-message");
    expect(res.json.decoded.summary).toBe("Celery result FAILURE: ValueError: image too large");
    expect(res.json.decoded.text).toContain("image too large");
    expect(res.json.decoded.text).toContain("Traceback (most recent call last)");
    const ok = await call(r.value.GET, {
      params: results,
      query: { key: "celery-task-meta-3dad9dd0-06e2-4541-884a-5448a74ecae0", decode: "1" },
    });
    expect(ok.json.decoded.summary).toBe("Celery result SUCCESS");
    const list = await call(r.value.GET, { params: broker, query: { key: "celery", decode: "1" } });
    expect(list.json.decoded[0].summary).toBe(
      "Celery task proj.resize_image · id 3dad9dd0-06e2-4541-884a-5448a74ecae0",
    );
    expect(list.json.decoded[0].text).toContain("grace@example.org");
  });

  it("is all reads: allowed in read-only mode, and changes nothing", async () => {
    await loadPythonApps(redis.server.url, [2]);
    const c = redis.raw.duplicate();
    await c.select(2);
    const before = await c.dbsize();
    for (const h of [r.celery.GET, r.celeryUnacked.GET, r.celeryResults.GET])
      expect((await call(h, { params: broker })).status).toBe(200);
    expect(
      (await call(r.celeryMessages.GET, { params: { ...broker, name: "celery" } })).status,
    ).toBe(200);
    expect(await c.dbsize()).toBe(before);
    expect(await c.llen("celery")).toBe(1);
    c.disconnect();
  });
});
