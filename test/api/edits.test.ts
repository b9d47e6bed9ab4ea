import { describe, expect, it } from "vitest";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";
import { hasHashFieldTtl } from "../server-features";

const redis = withRedisServer();
const params = { conn: "default", db: "0" };
const edit = (key: string, body: unknown) =>
  call(r.edit.POST, { params, query: { key }, body, method: "POST" });
const create = (body: unknown) => call(r.keys.POST, { params, body, method: "POST" });
const b64 = (b: Buffer) => ({ b64: b.toString("base64") });

describe("POST …/key/edit", () => {
  it("edits hashes with expect, refusing stale edits with 409 CONFLICT", async () => {
    await redis.raw.hset("h", "a", "1");
    expect((await edit("h", { op: "hset", field: "a", value: "2", expect: "1" })).json).toEqual({
      ok: true,
      result: 0,
    });
    const stale = await edit("h", { op: "hset", field: "a", value: "3", expect: "1" });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe("CONFLICT");
    expect(await redis.raw.hget("h", "a")).toBe("2");
    expect((await edit("h", { op: "hset", field: "a", value: "x", expect: null })).status).toBe(
      409,
    );
    expect(
      (
        await edit("h", {
          op: "hset",
          field: Buffer.from([0xff]).toString("base64") && b64(Buffer.from([0xff])),
          value: b64(Buffer.from([0, 1])),
          expect: null,
        })
      ).status,
    ).toBe(200);
    expect(await redis.raw.hgetBuffer("h", Buffer.from([0xff]))).toEqual(Buffer.from([0, 1]));
    expect((await edit("h", { op: "hdel", field: "a", expect: "9" })).status).toBe(409);
    expect((await edit("h", { op: "hdel", field: "a", expect: "2" })).json.result).toBe(1);
  });

  it("sets a hash field's TTL where the server has HEXPIRE, and says 400 where it has not", async () => {
    await redis.raw.hset("h", "a", "1", "b", "2");
    const res = await edit("h", { op: "hexpire", field: "a", ttl: 50 });
    if (!(await hasHashFieldTtl(redis.raw))) {
      // Redis before 7.4 and Valkey before 9.0.
      expect(res.status).toBe(400);
      expect(res.json.error.message).toMatch(/7\.4/);
      return;
    }
    expect(res.status).toBe(200);
    const ttl = (await redis.raw.call("HTTL", "h", "FIELDS", 2, "a", "b")) as number[];
    expect(ttl[0]).toBeGreaterThan(40);
    expect(ttl[1]).toBe(-1);
    expect((await edit("h", { op: "hexpire", field: "a", ttl: null })).status).toBe(200);
    expect(await redis.raw.call("HTTL", "h", "FIELDS", 1, "a")).toEqual([-1]);
  });

  it("sets an element of a list only if it is still the one the user saw", async () => {
    await redis.raw.rpush("l", "a", "b", "c");
    expect((await edit("l", { op: "lset", index: 1, value: "B", expect: "b" })).status).toBe(200);
    await redis.raw.lpush("l", "pushed-meanwhile"); // index 1 is now "a"
    const stale = await edit("l", { op: "lset", index: 1, value: "X", expect: "B" });
    expect(stale.status).toBe(409);
    expect(await redis.raw.lrange("l", 0, -1)).toEqual(["pushed-meanwhile", "a", "B", "c"]);
    expect((await edit("l", { op: "lrem", index: 2, expect: "B" })).status).toBe(200);
    expect(await redis.raw.lrange("l", 0, -1)).toEqual(["pushed-meanwhile", "a", "c"]);
    expect((await edit("l", { op: "lrem", index: 9, expect: "a" })).status).toBe(409);
    expect((await edit("l", { op: "push", end: "head", values: ["h1", "h2"] })).json.result).toBe(
      5,
    );
    expect((await edit("l", { op: "push", end: "tail", values: ["t"] })).json.result).toBe(6);
    expect((await edit("l", { op: "ltrim", start: 0, stop: 1 })).json.result).toBe(2);
    expect(await redis.raw.lrange("l", 0, -1)).toEqual(["h2", "h1"]);
  });

  it("removes exactly the element at the index when the list has duplicates", async () => {
    await redis.raw.rpush("dup", "x", "y", "x", "x");
    expect((await edit("dup", { op: "lrem", index: 2, expect: "x" })).status).toBe(200);
    expect(await redis.raw.lrange("dup", 0, -1)).toEqual(["x", "y", "x"]);
  });

  it("edits sets, sorted sets and streams", async () => {
    await redis.raw.sadd("s", "a");
    expect((await edit("s", { op: "sadd", members: ["b", "c"] })).json.result).toBe(2);
    expect((await edit("s", { op: "srem", members: ["a"] })).json.result).toBe(1);
    expect((await redis.raw.smembers("s")).sort()).toEqual(["b", "c"]);

    await redis.raw.zadd("z", 1, "m");
    expect((await edit("z", { op: "zadd", member: "m", score: 5, expect: 2 })).status).toBe(409);
    expect((await edit("z", { op: "zadd", member: "m", score: 5, expect: 1 })).status).toBe(200);
    expect((await edit("z", { op: "zincrby", member: "m", by: 2.5 })).json.result).toBe("7.5");
    expect((await edit("z", { op: "zadd", member: "n", score: "-inf", expect: null })).status).toBe(
      200,
    );
    expect(await redis.raw.zscore("z", "n")).toBe("-inf");
    expect((await edit("z", { op: "zrem", members: ["m", "n"] })).json.result).toBe(2);

    await redis.raw.xadd("x", "1-0", "f", "v");
    const added = await edit("x", { op: "xadd", fields: [["k", "v"]] });
    expect(added.json.result).toMatch(/^\d+-\d+$/);
    expect((await edit("x", { op: "xgroup-create", group: "g", id: "0" })).status).toBe(200);
    const again = await edit("x", { op: "xgroup-create", group: "g" });
    expect(again.status).toBe(409);
    await redis.raw.xreadgroup("GROUP", "g", "c1", "STREAMS", "x", ">");
    expect((await edit("x", { op: "xack", group: "g", ids: ["1-0"] })).json.result).toBe(1);
    expect((await edit("x", { op: "xdel", ids: ["1-0"] })).json.result).toBe(1);
    expect((await edit("x", { op: "xgroup-destroy", group: "g" })).json.result).toBe(1);
    expect((await edit("x", { op: "xgroup-destroy", group: "g" })).status).toBe(404);
  });

  it("edits strings with expect and keeps the TTL", async () => {
    await redis.raw.set("s", "old", "EX", 500);
    expect((await edit("s", { op: "set", value: "new", expect: "stale" })).status).toBe(409);
    expect((await edit("s", { op: "set", value: "new", expect: "old" })).status).toBe(200);
    expect(await redis.raw.get("s")).toBe("new");
    expect(await redis.raw.ttl("s")).toBe(500);
  });

  it("answers 409 WRONG_TYPE, 404 and 400 and changes nothing", async () => {
    await redis.raw.set("str", "v");
    const wrong = await edit("str", { op: "sadd", members: ["x"] });
    expect(wrong.status).toBe(409);
    expect(wrong.json.error.code).toBe("WRONG_TYPE");
    expect(await redis.raw.get("str")).toBe("v");
    const missing = await edit("nope", { op: "push", end: "tail", values: ["x"] });
    expect(missing.status).toBe(404);
    expect(await redis.raw.exists("nope")).toBe(0);
    const bad: unknown[] = [
      {},
      { op: "explode" },
      { op: "sadd", members: [] },
      { op: "sadd", members: Array.from({ length: 1001 }, (_, i) => String(i)) },
      { op: "lset", index: 1.5, value: "x", expect: "y" },
      { op: "zadd", member: "m", score: "NaN" },
      { op: "xdel", ids: ["not-an-id"] },
      { op: "hset", field: "f", value: 3 },
      { op: "sadd", members: ["x"], extra: true },
    ];
    for (const body of bad)
      expect((await edit("str", body)).status, JSON.stringify(body)).toBe(400);
  });
});

describe("POST …/keys (create)", () => {
  it("creates each type with a TTL and refuses to overwrite", async () => {
    const bodies = [
      { type: "string", key: "c:s", value: "v", ttl: 100 },
      { type: "hash", key: "c:h", entries: [["f", "v"]] },
      { type: "list", key: "c:l", values: ["a", "b"] },
      { type: "set", key: "c:set", members: ["a"] },
      {
        type: "zset",
        key: "c:z",
        members: [
          ["a", 1],
          ["b", "inf"],
        ],
      },
      { type: "stream", key: "c:x", fields: [["f", "v"]] },
      { type: "string", key: b64(Buffer.from([0xc0, 0xff])), value: b64(Buffer.from([0x00])) },
    ];
    for (const body of bodies) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(201);
      expect(res.json).toEqual({ created: true });
    }
    expect(await redis.raw.ttl("c:s")).toBe(100);
    expect(await redis.raw.type("c:x")).toBe("stream");
    expect(await redis.raw.zscore("c:z", "b")).toBe("inf");
    expect(await redis.raw.getBuffer(Buffer.from([0xc0, 0xff]))).toEqual(Buffer.from([0]));
    const dup = await create({ type: "list", key: "c:s", values: ["x"] });
    expect(dup.status).toBe(409);
    expect(dup.json.error.code).toBe("CONFLICT");
    expect(await redis.raw.get("c:s")).toBe("v");
    for (const body of [
      { type: "hash", key: "k", entries: [] },
      { type: "nope", key: "k" },
      { type: "string", key: "k", value: "v", ttl: 0 },
    ]) {
      expect((await create(body)).status, JSON.stringify(body)).toBe(400);
    }
    expect(await redis.raw.exists("k")).toBe(0);
  });
});
