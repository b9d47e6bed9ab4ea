import { describe, expect, it } from "vitest";
import { jsonToBytes } from "@/lib/bytes";
import { keyValue } from "@/lib/schemas/values";
import { call, send, withRedisServer } from "../harness";
import * as r from "../routes";
import { hasHashFieldTtl } from "../server-features";

const redis = withRedisServer();
const params = { conn: "default", db: "0" };
const bytes = (j: unknown) => Buffer.from(jsonToBytes(j as string | { b64: string }));

async function value(query: Record<string, string | undefined>) {
  const res = await call(r.value.GET, { params, query });
  if (res.status === 200) keyValue.parse(res.json);
  return res;
}

async function walkCursor(query: Record<string, string>, pick: (json: any) => unknown[]) {
  const seen: unknown[] = [];
  let cursor = "0";
  let pages = 0;
  do {
    const { status, json } = await value({ ...query, cursor });
    expect(status).toBe(200);
    seen.push(...pick(json));
    cursor = json.cursor;
    pages++;
  } while (cursor !== "0" && pages < 10_000);
  return { seen, pages };
}

describe("GET …/key/value by type", () => {
  it("pages a hash with HSCAN, every field exactly once, binary fields intact", async () => {
    const fields = Array.from({ length: 3000 }, (_, i) => [`f${i}`, `v${i}`]).flat();
    await redis.raw.hset("h", ...fields);
    await redis.raw.hset("h", Buffer.from([0xff, 0x00]), Buffer.from([0xfe]));
    const { seen, pages } = await walkCursor({ key: "h", count: "500" }, (j) => j.entries);
    expect(pages).toBeGreaterThan(3);
    const names = seen.map((e: any) => bytes(e.field).toString("hex"));
    expect(new Set(names).size).toBe(3001);
    const bin = seen.find((e: any) => bytes(e.field).equals(Buffer.from([0xff, 0x00]))) as any;
    expect(bytes(bin.value)).toEqual(Buffer.from([0xfe]));
    const first = await value({ key: "h", count: "10" });
    // Field TTLs come with HTTL (Redis 7.4+, Valkey 9+); without it the entries carry none.
    const fieldTtl = await hasHashFieldTtl(redis.raw);
    expect(first.json).toMatchObject({ type: "hash", length: 3001, fieldTtl });
    for (const e of first.json.entries) {
      if (fieldTtl) expect(e.ttl).toBe(-1);
      else expect(e).not.toHaveProperty("ttl");
    }
  });

  it("gives a hash field's own TTL where the server has HTTL", async (ctx) => {
    // Reported as skipped, not passed, on a server without HTTL (the test above covers that).
    if (!(await hasHashFieldTtl(redis.raw))) ctx.skip();
    await redis.raw.hset("h", "a", "1", "b", "2");
    await redis.raw.call("HEXPIRE", "h", 100, "FIELDS", 1, "a");
    const { json } = await value({ key: "h" });
    const ttl = Object.fromEntries(json.entries.map((e: any) => [e.field, e.ttl]));
    expect(ttl.a).toBeGreaterThan(90);
    expect(ttl.b).toBe(-1);
  });

  it("filters hash fields and set members with MATCH", async () => {
    await redis.raw.hset(
      "h",
      ...Array.from({ length: 2000 }, (_, i) => [
        `${i % 10 === 0 ? "keep" : "drop"}:${i}`,
        "v",
      ]).flat(),
    );
    const { seen } = await walkCursor({ key: "h", match: "keep:*", count: "50" }, (j) => j.entries);
    expect(seen).toHaveLength(200);
    await redis.raw.sadd("s", ...Array.from({ length: 1000 }, (_, i) => `m${i}`));
    const set = await walkCursor({ key: "s", match: "m1*", count: "100" }, (j) => j.members);
    expect(new Set(set.seen).size).toBe(111);
  });

  it("reads list windows by index, head to tail", async () => {
    await redis.raw.rpush("l", ...Array.from({ length: 250 }, (_, i) => `item${i}`));
    const mid = await value({ key: "l", offset: "100", count: "50" });
    expect(mid.json).toMatchObject({ type: "list", offset: 100, length: 250 });
    expect(mid.json.items[0]).toBe("item100");
    expect(mid.json.items).toHaveLength(50);
    const tail = await value({ key: "l", offset: "240", count: "100" });
    expect(tail.json.items).toHaveLength(10);
    expect(tail.json.items.at(-1)).toBe("item249");
    const empty = await value({ key: "l", offset: "1000" });
    expect(empty.json.items).toEqual([]);
  });

  it("reads sorted sets by rank, in both orders, by score range and by pattern", async () => {
    await redis.raw.zadd("z", ...Array.from({ length: 100 }, (_, i) => [i, `m${i}`]).flat());
    await redis.raw.zadd("z", "+inf", "top", "1.5", "half");
    const asc = await value({ key: "z", count: "3" });
    expect(asc.json.members).toEqual([
      { member: "m0", score: 0 },
      { member: "m1", score: 1 },
      { member: "half", score: 1.5 },
    ]);
    const desc = await value({ key: "z", count: "2", order: "desc" });
    expect(desc.json.members).toEqual([
      { member: "top", score: "inf" },
      { member: "m99", score: 99 },
    ]);
    const range = await value({ key: "z", min: "10", max: "(13", count: "10" });
    expect(range.json.members.map((m: any) => m.member)).toEqual(["m10", "m11", "m12"]);
    const rangeDesc = await value({
      key: "z",
      min: "10",
      max: "20",
      count: "2",
      offset: "1",
      order: "desc",
    });
    expect(rangeDesc.json.members.map((m: any) => m.member)).toEqual(["m19", "m18"]);
    const { seen } = await walkCursor({ key: "z", match: "m9*" }, (j) => j.members);
    expect(seen).toHaveLength(11);
    expect((await value({ key: "z", min: "abc" })).status).toBe(400);
  });

  it("reads streams newest first with paging, and consumer groups with pending entries", async () => {
    for (let i = 1; i <= 25; i++)
      await redis.raw.xadd("x", `${i}-0`, "n", String(i), Buffer.from([0xff]), Buffer.from([i]));
    const first = await value({ key: "x", count: "10" });
    expect(first.json.entries[0].id).toBe("25-0");
    expect(first.json.entries[0].fields[0]).toEqual(["n", "25"]);
    expect(bytes(first.json.entries[0].fields[1][0])).toEqual(Buffer.from([0xff]));
    const ids: string[] = [];
    let start: string | undefined;
    do {
      const page = await value({ key: "x", count: "10", start });
      ids.push(...page.json.entries.map((e: any) => e.id));
      start = page.json.next ?? undefined;
    } while (start);
    expect(ids).toHaveLength(25);
    expect(new Set(ids).size).toBe(25);
    const asc = await value({ key: "x", count: "2", order: "asc" });
    expect(asc.json.entries.map((e: any) => e.id)).toEqual(["1-0", "2-0"]);

    await redis.raw.xgroup("CREATE", "x", "workers", "0");
    await redis.raw.xreadgroup("GROUP", "workers", "alice", "COUNT", 3, "STREAMS", "x", ">");
    const groups = await call(r.groups.GET, { params, query: { key: "x" } });
    expect(groups.status).toBe(200);
    const g = groups.json.groups[0];
    expect(g).toMatchObject({ name: "workers", pending: 3, lastDeliveredId: "3-0", lag: 22 });
    expect(g?.consumers).toEqual([expect.objectContaining({ name: "alice", pending: 3 })]);
    expect(g?.pendingEntries.map((p: { id: string }) => p.id)).toEqual(["1-0", "2-0", "3-0"]);
  });

  it("says a HyperLogLog's count, and 404s, 409s and 400s what it should", async () => {
    await redis.raw.pfadd("hll", "a", "b", "c");
    await redis.raw.pfcount("hll"); // caches the count in the header
    expect((await value({ key: "hll" })).json.hyperloglog).toEqual({ count: 3 });
    expect((await value({ key: "gone" })).status).toBe(404);
    await redis.raw.set("s", "x");
    expect((await call(r.groups.GET, { params, query: { key: "s" } })).status).toBe(409);
    for (const q of [
      { count: "0" },
      { count: "5001" },
      { order: "up" },
      { start: "abc" },
      { cursor: "x" },
    ]) {
      expect((await value({ key: "s", ...q })).status, JSON.stringify(q)).toBe(400);
    }
  });

  it("reads a HyperLogLog without writing to it; counting a stale one is an explicit edit", async () => {
    const changes = async () =>
      Number(/rdb_changes_since_last_save:(\d+)/.exec(await redis.raw.info("persistence"))?.[1]);
    const many = Array.from({ length: 5000 }, (_, i) => `e${i}`);
    await redis.raw.pfadd("sparse", "a", "b", "c");
    await redis.raw.pfadd("dense", ...many);
    expect(await redis.raw.call("PFDEBUG", "ENCODING", "dense")).toBe("dense");
    for (const key of ["sparse", "dense"]) {
      const before = await changes();
      // PFADD left the cached count stale: reading says so instead of running PFCOUNT.
      const stale = await value({ key });
      expect(stale.json.hyperloglog, key).toEqual({ count: null });
      expect(await changes(), `${key}: reading wrote`).toBe(before);
      // A window too short for the 16-byte header still tells (the header is read on its own).
      expect((await value({ key, limit: "4" })).json.hyperloglog, key).toEqual({ count: null });
      const counted = await call(r.edit.POST, {
        params,
        query: { key },
        body: { op: "pfcount" },
        method: "POST",
      });
      expect(counted.status, key).toBe(200);
      const want = await redis.raw.pfcount(key);
      expect(counted.json.result, key).toBe(want);
      const after = await changes();
      const fresh = await value({ key });
      expect(fresh.json.hyperloglog, key).toEqual({ count: want });
      expect((await value({ key, limit: "4" })).json.hyperloglog, key).toEqual({ count: want });
      expect(await changes(), `${key}: reading wrote`).toBe(after);
    }
    // A string that only starts with "HYLL" is not mistaken for one.
    await redis.raw.set("fake", "HYLLnot a sketch at all, just text");
    expect((await value({ key: "fake" })).json.hyperloglog).toBeUndefined();
  });

  it("takes count up to 5000 on every paged type, as key pages do", async () => {
    const n = 6000;
    const ids = Array.from({ length: n }, (_, i) => i);
    await redis.raw.hset("h5", ...ids.flatMap((i) => [`f${i}`, "v"]));
    await redis.raw.sadd("s5", ...ids.map((i) => `m${i}`));
    await redis.raw.rpush("l5", ...ids.map((i) => `e${i}`));
    await redis.raw.zadd("z5", ...ids.flatMap((i) => [i, `m${i}`]));
    const pipe = redis.raw.pipeline();
    for (const i of ids) pipe.xadd("x5", `${i + 1}-0`, "f", "v");
    await pipe.exec();
    const pick: Record<string, (j: any) => unknown[]> = {
      h5: (j) => j.entries,
      s5: (j) => j.members,
      l5: (j) => j.items,
      z5: (j) => j.members,
      x5: (j) => j.entries,
    };
    for (const [key, items] of Object.entries(pick)) {
      const { status, json } = await value({ key, count: "5000" });
      expect(status, key).toBe(200);
      // SCAN's COUNT is a hint: HSCAN/SSCAN may give a few more or less; ranges give exactly 5000.
      expect(items(json).length, key).toBeGreaterThan(1000);
      expect(items(json).length, key).toBeLessThanOrEqual(5500);
    }
  });

  it("answers empty pages, not errors, while a MATCH finds nothing", async () => {
    const n = 50_000;
    await redis.raw.sadd("s", ...Array.from({ length: n }, (_, i) => `m${i}`));
    const pages: { members: unknown[]; cursor: string; length: number }[] = [];
    let cursor = "0";
    do {
      const res = await value({ key: "s", match: "nothing-*", count: "1", cursor });
      expect(res.status).toBe(200);
      pages.push(res.json);
      cursor = res.json.cursor;
    } while (cursor !== "0" && pages.length < 1000);
    expect(cursor).toBe("0");
    for (const page of pages) expect(page).toMatchObject({ type: "set", members: [], length: n });
  });

  it("says 404 for a key deleted between pages (an emptied collection is no key)", async () => {
    await redis.raw.hset("h", "a", "1");
    expect((await value({ key: "h" })).status).toBe(200);
    await redis.raw.hdel("h", "a");
    const gone = await value({ key: "h", cursor: "5" });
    expect(gone.status).toBe(404);
    expect(gone.json.error.code).toBe("NOT_FOUND");
  });

  it("downloads a whole string in chunks", async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 5);
    for (let i = 0; i < big.length; i += 4096) big[i] = i % 251;
    await redis.raw.set("blob", big);
    const res = await send(r.download.GET, { params, query: { key: "blob" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain('filename="blob.bin"');
    expect(Buffer.from(await res.arrayBuffer()).equals(big)).toBe(true);
  });
});
