import { describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { keySlot } from "@/lib/redis/slot";
import { keysPage } from "@/lib/schemas/keys";
import { withCluster } from "../cluster-harness";
import { b64url, call } from "../harness";
import * as r from "../routes";

// Key browsing, reads and edits on a real 3-master cluster: every request routes by the slot of
// the key's bytes (binary keys included), walks cover every master once, filters hold, and what
// a cluster cannot do (a rename across slots, db 1) is a clear 4xx.

const c = withCluster();
const params = { conn: "default", db: "0" };
const b64 = (b: Buffer) => ({ b64: b.toString("base64") });
const bin = (i: number) => Buffer.from([0xff, 0xfe, i & 0xff, (i >> 8) & 0xff, 0x80]);
const keyOf = (k: unknown) =>
  typeof k === "string" ? k : Buffer.from((k as { b64: string }).b64, "base64").toString("hex");

async function walk(query: Record<string, string>) {
  const seen: string[] = [];
  let cursor = "0";
  let dbsize = 0;
  for (let pages = 0; pages < 1000; pages++) {
    const { status, json } = await call(r.keys.GET, { params, query: { ...query, cursor } });
    expect(status, JSON.stringify(json)).toBe(200);
    const page = keysPage.parse(json);
    expect(page.restarted).toBeUndefined();
    // A match naming one key (a literal prefix and one "*") gives that key as `exact`.
    if (page.exact) seen.push(keyOf(json.exact.key));
    seen.push(...json.keys.map((k: { key: unknown }) => keyOf(k.key)));
    dbsize = page.dbsize;
    cursor = page.cursor;
    if (cursor === "0") break;
  }
  expect(cursor).toBe("0");
  return { seen, dbsize };
}

describe("walking a cluster", () => {
  it("covers every master exactly once, binary keys included, with count, match and type", async () => {
    const text = Array.from({ length: 300 }, (_, i) => `user:${i}`);
    const binary = Array.from({ length: 60 }, (_, i) => bin(i));
    await c.seed([...text, ...binary]);
    await c.raw.hset("h:1", "f", "v");
    await c.raw.rpush("l:1", "a");
    // Every master holds some of them (a walk that skipped one would show).
    const perMaster = await Promise.all((await c.masters()).map((m) => m.dbsize()));
    expect(perMaster.every((n) => n > 50)).toBe(true);

    for (const meta of ["0", "1"]) {
      const { seen, dbsize } = await walk({ count: "37", meta });
      expect(seen.length).toBe(362);
      expect(new Set(seen).size).toBe(362);
      expect(dbsize).toBe(362);
      for (const b of binary) expect(seen).toContain(b.toString("hex"));
    }
    const users = await walk({ match: "user:1*", count: "50" });
    expect(users.seen.sort()).toEqual(text.filter((k) => k.startsWith("user:1")).sort());
    const hashes = await walk({ type: "hash", count: "50" });
    expect(hashes.seen).toEqual(["h:1"]);
    // The bytes ff fe then "*": every binary key.
    const binMatch = await walk({ match64: b64url(Buffer.from([0xff, 0xfe, 0x2a])), count: "50" });
    expect(binMatch.seen.length).toBe(60);
  });

  it("refuses a garbled or forged cursor with 400, and has no database 1", async () => {
    for (const cursor of [
      "c2.garbage",
      "c2." + Buffer.from("[1,2]").toString("base64url"),
      "7.5",
    ]) {
      const { status, json } = await call(r.keys.GET, { params, query: { cursor } });
      expect(status, cursor).toBe(400);
      expect(json.error.code).toBe("BAD_REQUEST");
    }
    expect((await call(r.keys.GET, { params: { conn: "default", db: "1" } })).status).toBe(404);
    const { json } = await call(r.databases.GET, { params: { conn: "default" } });
    expect(JSON.stringify(json)).not.toContain('"db":1');
  });

  it("looks a binary key up exactly, by its slot, and gives meta and memory of keys on any master", async () => {
    const key = bin(7);
    await (await c.nodeFor(key)).set(key, "v");
    await c.seed(["a:1", "b:2", "c:3"]);
    const exact = await call(r.keys.GET, { params, query: { match64: b64url(key) } });
    expect(exact.status).toBe(200);
    expect(exact.json.exact).toMatchObject({ key: b64(key), type: "string" });
    const all = [
      key,
      Buffer.from("a:1"),
      Buffer.from("b:2"),
      Buffer.from("c:3"),
      Buffer.from("gone"),
    ];
    const q = all.map((k) => `k=${b64url(k)}`).join("&");
    const meta = await call(r.keysMeta.GET, { params, query: q });
    expect(meta.status).toBe(200);
    expect(meta.json.keys.map((k: { type: string }) => k.type)).toEqual([
      "string",
      "string",
      "string",
      "string",
      "none",
    ]);
    const memory = await call(r.keysMemory.GET, { params, query: q });
    expect(memory.status).toBe(200);
    const bytes = memory.json.keys.map((k: { memoryBytes: number | null }) => k.memoryBytes);
    expect(bytes.slice(0, 4).every((n: number | null) => (n ?? 0) > 0)).toBe(true);
    expect(bytes[4]).toBeNull();
  });
});

describe("reading and editing keys on a cluster", () => {
  const create = (body: unknown) => call(r.keys.POST, { params, body, method: "POST" });
  const edit = (key: Buffer, body: unknown) =>
    call(r.edit.POST, { params, query: { key64: b64url(key) }, body, method: "POST" });
  const value = (key: Buffer) => call(r.value.GET, { params, query: { key64: b64url(key) } });

  it("creates, reads and edits every type under binary names on their own masters", async () => {
    const names = {
      string: bin(1),
      hash: bin(2),
      list: bin(3),
      set: bin(4),
      zset: bin(5),
      stream: bin(6),
    };
    const bodies = [
      { type: "string", key: b64(names.string), value: b64(Buffer.from([0xc3, 0x28])) },
      { type: "hash", key: b64(names.hash), entries: [["f", "v"]] },
      { type: "list", key: b64(names.list), values: ["a", "b"] },
      { type: "set", key: b64(names.set), members: ["a"] },
      { type: "zset", key: b64(names.zset), members: [["a", 1]] },
      { type: "stream", key: b64(names.stream), fields: [["f", "v"]] },
    ];
    for (const body of bodies) {
      const res = await create(body);
      expect(res.status, JSON.stringify(res.json)).toBe(201);
    }
    const slots = new Set(Object.values(names).map(keySlot));
    expect(slots.size).toBeGreaterThan(1);
    for (const [type, key] of Object.entries(names)) {
      expect(await (await c.nodeFor(key)).type(key)).toBe(type);
      const info = await call(r.key.GET, { params, query: { key64: b64url(key) } });
      expect(info.status).toBe(200);
      expect(info.json.type).toBe(type);
      const read = await value(key);
      expect(read.status, type).toBe(200);
    }
    expect(JSON.stringify((await value(names.string)).json)).toContain(
      Buffer.from([0xc3, 0x28]).toString("base64"),
    );
    expect(
      (await edit(names.hash, { op: "hset", field: "g", value: "w", expect: null })).status,
    ).toBe(200);
    expect((await edit(names.list, { op: "push", end: "tail", values: ["c"] })).json.result).toBe(
      3,
    );
    expect((await edit(names.set, { op: "sadd", members: ["b"] })).json.result).toBe(1);
    expect(
      (await edit(names.zset, { op: "zadd", member: "b", score: 2, expect: null })).status,
    ).toBe(200);
    expect((await edit(names.stream, { op: "xadd", fields: [["k", "v"]] })).status).toBe(200);
    const put = await call(r.value.PUT, {
      params,
      query: { key64: b64url(names.string) },
      body: { value: b64(Buffer.from([0, 1, 2])) },
    });
    expect(put.status).toBe(200);
    const node = await c.nodeFor(names.string);
    expect(await node.getBuffer(names.string)).toEqual(Buffer.from([0, 1, 2]));
    const ttl = await call(r.ttl.PUT, {
      params,
      query: { key64: b64url(names.hash) },
      body: { ttl: 500 },
    });
    expect(ttl.status).toBe(200);
    expect(await (await c.nodeFor(names.hash)).ttl(names.hash)).toBeGreaterThan(400);
    const del = await call(r.key.DELETE, { params, query: { key64: b64url(names.set) } });
    expect(del.json).toEqual({ deleted: 1 });
    expect(await (await c.nodeFor(names.set)).exists(names.set)).toBe(0);
  });

  it("renames within a slot, and refuses a rename across slots with a 400 that explains hash tags", async () => {
    await c.raw.set("user:{42}:a", "1");
    const same = await call(r.rename.POST, {
      params,
      query: { key: "user:{42}:a" },
      body: { newKey: "user:{42}:b" },
    });
    expect(same.status).toBe(200);
    expect(await c.raw.get("user:{42}:b")).toBe("1");
    expect(keySlot(Buffer.from("user:{42}:b"))).not.toBe(keySlot(Buffer.from("elsewhere")));
    const across = await call(r.rename.POST, {
      params,
      query: { key: "user:{42}:b" },
      body: { newKey: "elsewhere" },
    });
    expect(across.status).toBe(400);
    expect(across.json.error.message).toMatch(/CROSSSLOT/);
    expect(across.json.error.message).toMatch(/hash tag/);
    expect(await c.raw.get("user:{42}:b")).toBe("1");
  });

  it("refuses edits in read-only mode", async () => {
    await c.raw.set("ro:k", "kept");
    process.env.KEYSCOPE_READ_ONLY = "1";
    resetConfigForTests();
    try {
      const put = await call(r.value.PUT, { params, query: { key: "ro:k" }, body: { value: "x" } });
      expect(put.status).toBe(403);
      const del = await call(r.key.DELETE, { params, query: { key: "ro:k" } });
      expect(del.status).toBe(403);
      const ttl = await call(r.ttl.PUT, { params, query: { key: "ro:k" }, body: { ttl: 5 } });
      expect(ttl.status).toBe(403);
      // Reads still work.
      expect((await call(r.key.GET, { params, query: { key: "ro:k" } })).status).toBe(200);
    } finally {
      delete process.env.KEYSCOPE_READ_ONLY;
      resetConfigForTests();
    }
    expect(await c.raw.get("ro:k")).toBe("kept");
    expect(await c.raw.ttl("ro:k")).toBe(-1);
  });
});
