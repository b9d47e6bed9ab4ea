import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { call, send, withRedisServer } from "../harness";
import * as r from "../routes";

// Export then import (the two halves written apart from one spec, docs/transfer.md): every
// type, binary keys and values, values big enough to be split over parts, TTLs and a stream's
// groups, from db 0 into db 1 (JSON lines) and db 2 (DUMP CSV); what the import wrote reads
// back the same as the source.

const redis = withRedisServer();
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));
const BIN = Buffer.from([0xff, 0x00, 0xc3, 0x28, 0x0a]);
const clients: Redis[] = [];
afterAll(() => {
  for (const c of clients) c.disconnect();
});
const db = (n: number) => {
  const c = new Redis(redis.server.url, { db: n, protocol: 2 });
  clients.push(c);
  return c;
};

async function finished(jobId: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { json } = await call(r.jobs.GET, { params: { jobId } });
    if (json.state !== "running" || Date.now() > deadline) return json;
    await sleep(20);
  }
}

async function exportFile(format: string): Promise<Buffer> {
  const params = { conn: "default", db: "0" };
  const started = await call(r.exportKeys.POST, { params, body: { match: "*", format } });
  expect(started.status).toBe(202);
  expect((await finished(started.json.jobId)).state).toBe("done");
  const res = await send(r.jobDownload.GET, { params: { jobId: started.json.jobId } });
  return Buffer.from(await res.arrayBuffer());
}

async function importFile(file: Buffer, into: number, query: Record<string, string> = {}) {
  const params = { conn: "default", db: String(into) };
  const started = await call(r.importKeys.POST, { params, query, body: file });
  expect(started.status, JSON.stringify(started.json)).toBe(202);
  return finished(started.json.jobId);
}

/** Everything a key holds, read back in a form to compare (sorted where Redis has no order). */
async function snapshot(c: Redis): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const keys = (await c.keysBuffer("*")).sort(Buffer.compare);
  for (const k of keys) {
    const type = await c.type(k);
    const pttl = await c.pttl(k);
    const ttl = pttl < 0 ? pttl : Math.round(pttl / 10_000); // within 10 s
    let value: unknown;
    if (type === "string") value = (await c.getBuffer(k))?.toString("hex");
    if (type === "hash") {
      const flat = await c.hgetallBuffer(k);
      value = Object.entries(flat)
        .map(([f, v]) => `${Buffer.from(f).toString("hex")}=${v.toString("hex")}`)
        .sort();
    }
    if (type === "list") value = (await c.lrangeBuffer(k, 0, -1)).map((b) => b.toString("hex"));
    if (type === "set") value = (await c.smembersBuffer(k)).map((b) => b.toString("hex")).sort();
    if (type === "zset") value = await c.call("ZRANGE", k, "0", "-1", "WITHSCORES");
    if (type === "stream")
      value = {
        entries: await c.callBuffer("XRANGE", k, "-", "+"),
        info: ((await c.call("XINFO", "STREAM", k)) as unknown[]).slice(0, 8),
        // entries-read and lag are not in the format (XGROUP CREATE sets them unknown).
        groups: ((await c.call("XINFO", "GROUPS", k)) as unknown[][]).map((g) => g.slice(0, 8)),
        // Idle times are the import's own.
        pending: ((await c.call("XPENDING", k, "g", "-", "+", "100")) as unknown[][]).map(
          ([id, consumer, , count]) => [id, consumer, count],
        ),
      };
    out[k.toString("hex")] = { type, ttl, value };
  }
  return out;
}

async function seed(c: Redis) {
  await c.set(BIN, Buffer.concat([BIN, Buffer.alloc(2.5 * 1024 * 1024, 0x61)]));
  await c.set("ttl", "v", "PX", 120_000);
  await c.rpush("list", BIN, ...Array.from({ length: 2500 }, (_, i) => `i${i}`));
  await c.hset(
    "hash",
    BIN,
    BIN,
    ...Array.from({ length: 1500 }, (_, i) => [`f${i}`, `${i}`]).flat(),
  );
  await c.sadd("set", BIN, ...Array.from({ length: 1200 }, (_, i) => `m${i}`));
  await c.zadd("zset", "-inf", "lo", "1.25", BIN, "inf", "hi");
  for (let i = 1; i <= 5; i++) await c.xadd("stream", `${i}-0`, "f", BIN, "n", String(i));
  await c.xgroup("CREATE", "stream", "g", "0");
  await c.xreadgroup("GROUP", "g", "alice", "COUNT", "2", "STREAMS", "stream", ">");
  await c.call("XGROUP", "CREATECONSUMER", "stream", "g", "bob");
  await c.xdel("stream", "5-0");
}

describe("export → import round trip", () => {
  it("JSON lines into db 1, DUMP CSV into db 2: the same keys, values, TTLs and groups", async () => {
    const src = db(0);
    await seed(src);
    const before = await snapshot(src);
    const jsonl = await exportFile("jsonl");
    const done = await importFile(jsonl, 1);
    expect(done).toMatchObject({ state: "done", keys: 7, imported: 7, failed: 0 });
    expect(await snapshot(db(1))).toEqual(before);
    // Again with skip: nothing changes; with replace: all of it, the same again.
    expect(await importFile(jsonl, 1)).toMatchObject({ imported: 0, skipped: 7 });
    expect(await importFile(jsonl, 1, { onConflict: "replace" })).toMatchObject({ imported: 7 });
    expect(await snapshot(db(1))).toEqual(before);
    const csv = await exportFile("dump-csv");
    expect(await importFile(csv, 2)).toMatchObject({ format: "dump-csv", imported: 7, failed: 0 });
    expect(await snapshot(db(2))).toEqual(before);
  });
});
