import { describe, expect, it } from "vitest";
import { bytesToJson, jsonToBytes } from "@/lib/bytes";
import { b64url, call, withRedisServer } from "../harness";
import * as r from "../routes";

const redis = withRedisServer();
const params = { conn: "default", db: "0" };

// Odd keys that must survive the trip Redis → JSON → URL → Redis bit for bit.
const ODD_KEYS: Buffer[] = [
  Buffer.from([0xff, 0xfe, 0x00, 0x41]),
  Buffer.from([0x80]),
  Buffer.from("with space"),
  Buffer.from("/?&#%+="),
  Buffer.from("ключ:🗝:ünï"),
  Buffer.from("line\nbreak\ttab"),
  Buffer.from("\uFEFFbom-first"),
  Buffer.from(""),
];

/** The query a client builds from a key as the API returned it. */
function queryFor(keyJson: unknown, form: "key" | "key64") {
  const bytes = Buffer.from(jsonToBytes(keyJson as string | { b64: string }));
  return form === "key" ? { key: bytes.toString("utf8") } : { key64: b64url(bytes) };
}

describe("binary and odd keys", () => {
  it("round-trip through scan, key and key64, info, TTL, value and delete", async () => {
    for (const [i, key] of ODD_KEYS.entries())
      await redis.raw.set(key, Buffer.from([i, 0xff, 0x00]));
    const { json } = await call(r.keys.GET, { params, query: { count: "100" } });
    expect(json.keys).toHaveLength(ODD_KEYS.length);
    for (const entry of json.keys) {
      const bytes = Buffer.from(jsonToBytes(entry.key));
      const index = ODD_KEYS.findIndex((k) => k.equals(bytes));
      expect(index, `scan returned unknown key ${entry.key}`).toBeGreaterThanOrEqual(0);
      const forms: ("key" | "key64")[] =
        typeof entry.key === "string" ? ["key", "key64"] : ["key64"];
      for (const form of forms) {
        const info = await call(r.key.GET, { params, query: queryFor(entry.key, form) });
        expect(info.status).toBe(200);
        expect(info.json.key).toEqual(entry.key);
        const value = await call(r.value.GET, { params, query: queryFor(entry.key, form) });
        expect(Buffer.from(jsonToBytes(value.json.value))).toEqual(
          Buffer.from([index, 0xff, 0x00]),
        );
      }
      const ttl = await call(r.ttl.PUT, {
        params,
        query: queryFor(entry.key, "key64"),
        body: { ttl: 50 },
        method: "PUT",
      });
      expect(ttl.json).toEqual({ ttl: 50 });
      expect(await redis.raw.ttl(bytes)).toBe(50);
      const del = await call(r.key.DELETE, {
        params,
        query: queryFor(entry.key, "key64"),
        method: "DELETE",
      });
      expect(del.json).toEqual({ deleted: 1 });
    }
    expect(await redis.raw.dbsize()).toBe(0);
  });

  it("returns invalid UTF-8 as b64 and valid UTF-8 as text", () => {
    expect(bytesToJson(Buffer.from([0xc3, 0x28]))).toEqual({ b64: "wyg=" });
    expect(bytesToJson(Buffer.from("é"))).toBe("é");
  });
});

describe("GET …/key", () => {
  it("describes a key of each type", async () => {
    await redis.raw.set("s", "hello", "EX", 100);
    await redis.raw.hset("h", "a", "1", "b", "2");
    await redis.raw.rpush("l", "1", "2", "3");
    await redis.raw.sadd("set", "x");
    await redis.raw.zadd("z", 1, "a", 2, "b");
    await redis.raw.xadd("x", "*", "f", "v");
    const expected: Record<string, [string, number]> = {
      s: ["string", 5],
      h: ["hash", 2],
      l: ["list", 3],
      set: ["set", 1],
      z: ["zset", 2],
      x: ["stream", 1],
    };
    for (const [key, [type, length]] of Object.entries(expected)) {
      const { status, json } = await call(r.key.GET, { params, query: { key } });
      expect(status).toBe(200);
      expect(json).toMatchObject({ key, type, length });
      expect(json.memoryBytes).toBeGreaterThan(0);
      expect(typeof json.encoding).toBe("string");
    }
    expect((await call(r.key.GET, { params, query: { key: "s" } })).json.ttl).toBe(100);
  });

  it("404s a missing key and 400s a bad key parameter", async () => {
    const missing = await call(r.key.GET, { params, query: { key: "nope" } });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe("NOT_FOUND");
    for (const query of [{}, { key: "a", key64: "YQ" }, { key64: "!!" }, { key64: "YQ==" }]) {
      const { status, json } = await call(r.key.GET, { params, query });
      expect(status, JSON.stringify(query)).toBe(400);
      expect(json.error.code).toBe("BAD_REQUEST");
    }
  });

  it("deletes a key and says 0 for one that is gone", async () => {
    await redis.raw.set("d", "1");
    expect(
      (await call(r.key.DELETE, { params, query: { key: "d" }, method: "DELETE" })).json,
    ).toEqual({ deleted: 1 });
    expect(
      (await call(r.key.DELETE, { params, query: { key: "d" }, method: "DELETE" })).json,
    ).toEqual({ deleted: 0 });
  });
});

describe("PUT …/key/ttl", () => {
  const put = (key: string, body: unknown) =>
    call(r.ttl.PUT, { params, query: { key }, body, method: "PUT" });

  it("sets and removes a TTL", async () => {
    await redis.raw.set("t", "v");
    expect((await put("t", { ttl: 3600 })).json).toEqual({ ttl: 3600 });
    expect(await redis.raw.ttl("t")).toBe(3600);
    expect((await put("t", { ttl: null })).json).toEqual({ ttl: -1 });
    expect(await redis.raw.ttl("t")).toBe(-1);
  });

  it("refuses every bad TTL and changes nothing", async () => {
    await redis.raw.set("t", "v", "EX", 777);
    const bad: unknown[] = [
      { ttl: 0 },
      { ttl: -5 },
      { ttl: 1.5 },
      { ttl: 1e12 },
      { ttl: "10" },
      { ttl: true },
      {},
      { ttl: 10, extra: 1 },
      [],
      "nope",
    ];
    for (const body of bad) {
      const { status, json } = await put("t", body);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(json.error.code).toBe("BAD_REQUEST");
      expect(json.error.message.length).toBeGreaterThan(5);
      expect(await redis.raw.ttl("t")).toBe(777);
    }
    const notJson = await call(r.ttl.PUT, {
      params,
      query: { key: "t" },
      body: "{",
      method: "PUT",
    });
    expect(notJson.status).toBe(400);
    const form = await call(r.ttl.PUT, {
      params,
      query: { key: "t" },
      body: "ttl=5",
      method: "PUT",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(400);
    expect(await redis.raw.ttl("t")).toBe(777);
  });

  it("404s a missing key without creating it", async () => {
    for (const body of [{ ttl: 10 }, { ttl: null }]) {
      const { status, json } = await put("ghost", body);
      expect(status).toBe(404);
      expect(json.error.code).toBe("NOT_FOUND");
    }
    expect(await redis.raw.exists("ghost")).toBe(0);
  });
});

describe("POST …/key/rename", () => {
  const rename = (key: string, body: unknown) =>
    call(r.rename.POST, { params, query: { key }, body, method: "POST" });

  it("renames, refuses to overwrite unless asked, keeps the TTL", async () => {
    await redis.raw.set("a", "1", "EX", 900);
    await redis.raw.set("b", "2");
    const conflict = await rename("a", { newKey: "b" });
    expect(conflict.status).toBe(409);
    expect(conflict.json.error.code).toBe("CONFLICT");
    expect(await redis.raw.get("b")).toBe("2");
    expect((await rename("a", { newKey: "c" })).json).toEqual({ renamed: true, newKey: "c" });
    expect(await redis.raw.ttl("c")).toBe(900);
    expect((await rename("c", { newKey: "b", overwrite: true })).status).toBe(200);
    expect(await redis.raw.get("b")).toBe("1");
  });

  it("renames to binary names and refuses bad bodies", async () => {
    await redis.raw.set("x", "1");
    const target = Buffer.from([0xde, 0xad, 0xbe, 0xef]);
    const done = await rename("x", { newKey: { b64: target.toString("base64") } });
    expect(done.status).toBe(200);
    expect(await redis.raw.exists(target)).toBe(1);
    expect((await rename("missing", { newKey: "y" })).status).toBe(404);
    for (const body of [
      {},
      { newKey: 5 },
      { newKey: { b64: "@@" } },
      { newKey: "z", overwrite: "yes" },
    ]) {
      expect((await rename("z", body)).status, JSON.stringify(body)).toBe(400);
    }
    await redis.raw.set("same", "1");
    expect((await rename("same", { newKey: "same" })).status).toBe(400);
  });
});

describe("string values", () => {
  it("reads a window of a big string with GETRANGE and says it is truncated", async () => {
    const big = Buffer.alloc(200_000, 0x61);
    big.write("END", 199_997);
    await redis.raw.set("big", big);
    const first = await call(r.value.GET, { params, query: { key: "big" } });
    expect(first.json).toMatchObject({
      type: "string",
      length: 200_000,
      truncated: true,
      offset: 0,
    });
    expect(first.json.value).toHaveLength(65_536);
    const last = await call(r.value.GET, {
      params,
      query: { key: "big", offset: "196608", limit: "65536" },
    });
    expect(last.json.truncated).toBe(false);
    expect(last.json.value.endsWith("END")).toBe(true);
  });

  it("writes text and binary values, keeps the TTL, refuses other types", async () => {
    await redis.raw.set("s", "old", "EX", 600);
    const put = (key: string, body: unknown) =>
      call(r.value.PUT, { params, query: { key }, body, method: "PUT" });
    expect((await put("s", { value: "new" })).status).toBe(200);
    expect(await redis.raw.get("s")).toBe("new");
    expect(await redis.raw.ttl("s")).toBe(600);
    expect((await put("s", { value: { b64: "AP8=" } })).status).toBe(200);
    expect(await redis.raw.getBuffer("s")).toEqual(Buffer.from([0x00, 0xff]));
    await redis.raw.hset("h", "f", "v");
    const wrong = await put("h", { value: "x" });
    expect(wrong.status).toBe(409);
    expect(wrong.json.error.code).toBe("WRONG_TYPE");
    expect(await redis.raw.type("h")).toBe("hash");
    const hashRead = await call(r.value.GET, { params, query: { key: "h" } });
    expect(hashRead.json).toMatchObject({ type: "hash", entries: [{ field: "f", value: "v" }] });
    expect((await put("s", { value: 5 })).status).toBe(400);
    expect((await put("s", {})).status).toBe(400);
  });
});

describe("text-form byte parameters that are not UTF-8", () => {
  it("refuse key=%FF with a 400 naming key64, and leave the U+FFFD key alone", async () => {
    const replacement = Buffer.from("bin:\uFFFD");
    await redis.raw.set(replacement, "keep");
    const res = await call(r.key.DELETE, { params, query: "key=bin:%FF", method: "DELETE" });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("BAD_REQUEST");
    expect(res.json.error.message).toContain("key64");
    expect(await redis.raw.getBuffer(replacement)).toEqual(Buffer.from("keep"));
    // A valid percent-encoded key still works, and so does the same bytes as key64.
    await redis.raw.set(Buffer.from([0x62, 0xff]), "x");
    const ok = await call(r.key.DELETE, {
      params,
      query: `key64=${b64url(Buffer.from([0x62, 0xff]))}`,
      method: "DELETE",
    });
    expect(ok.json).toEqual({ deleted: 1 });
    await redis.raw.set("ü", "x");
    expect(
      (await call(r.key.DELETE, { params, query: "key=%C3%BC", method: "DELETE" })).json,
    ).toEqual({ deleted: 1 });
  });

  it("refuse match=%FF with a 400 naming match64", async () => {
    const res = await call(r.keys.GET, { params, query: "match=a%FE*" });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain("match64");
  });
});
