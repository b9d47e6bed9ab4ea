import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { itemValue } from "@/lib/schemas/types/item";
import { keyValue } from "@/lib/schemas/values";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";

// `decode=` on value reads (API.md, "Decoded values"): the decoding sits beside each value, the
// value itself is unchanged, cut previews are not decoded, and bad `decode=` is a 400.

const redis = withRedisServer();
const params = { conn: "default", db: "0" };

async function value(query: Record<string, string>) {
  const res = await call(r.value.GET, { params, query });
  if (res.status === 200) keyValue.parse(res.json);
  return res;
}

describe("GET …/key/value?decode=", () => {
  it("adds a string's decoding and keeps the raw value and big integers exact", async () => {
    const doc = '{"id": 9007199254740993, "tags": ["a", "b"], "__proto__": {"x": 1}}';
    await redis.raw.set("doc", doc);
    const { status, json } = await value({ key: "doc", decode: "1" });
    expect(status).toBe(200);
    expect(json.value).toBe(doc);
    expect(json.decoded).toMatchObject({ format: "json", chain: ["json"] });
    expect(json.decoded.text).toContain("9007199254740993");
    expect(json.decoded.text).toContain('"__proto__"');
    expect(json.decoded.summary).toBe("json · dict of 3");
  });

  it("decodes the whole string even when the page is a window of it", async () => {
    const doc = JSON.stringify({ filler: "x".repeat(100_000), end: "here" });
    await redis.raw.set("big", doc);
    const { json } = await value({ key: "big", decode: "1", limit: "1024" });
    expect(json.truncated).toBe(true);
    expect(json.decoded.format).toBe("json");
    expect(json.decoded.tree.entries[1][1]).toEqual({ k: "str", v: "here" });
  });

  it("gives null for plain text and non-UTF-8 bytes nothing recognises", async () => {
    await redis.raw.set("plain", "hello there");
    await redis.raw.set(Buffer.from([0xff, 0xfe, 0x01]), Buffer.from([0xc3, 0x28, 0xa0]));
    expect((await value({ key: "plain", decode: "1" })).json.decoded).toBeNull();
    const bin = await value({
      key64: Buffer.from([0xff, 0xfe, 0x01]).toString("base64url"),
      decode: "1",
    });
    expect(bin.json.decoded).toBeNull();
  });

  it("answers a forced format that does not fit with an error, and leaves the value alone", async () => {
    await redis.raw.set("plain", "hello there");
    const { json } = await value({ key: "plain", decode: "json" });
    expect(json.decoded).toMatchObject({
      format: "json",
      error: expect.stringContaining("not JSON"),
    });
    expect(await redis.raw.get("plain")).toBe("hello there");
  });

  it("cuts a deeply nested document instead of failing", async () => {
    await redis.raw.set("deep", `${"[".repeat(5000)}${"]".repeat(5000)}`);
    const { status, json } = await value({ key: "deep", decode: "1" });
    expect(status).toBe(200);
    expect(json.decoded.cut).toMatch(/nested deeper/);
  });

  it("cuts one huge string inside a value, so the answer stays small", async () => {
    const doc = JSON.stringify({ blob: "z".repeat(12 * 1024 * 1024), after: 1 });
    await redis.raw.set("huge", gzipSync(doc));
    const res = await call(r.value.GET, { params, query: { key: "huge", decode: "1" } });
    expect(res.status).toBe(200);
    expect(res.json.decoded.chain).toEqual(["gzip", "json"]);
    expect(res.json.decoded.cut).toBeTruthy();
    expect(res.json.decoded.tree.entries[0][1].v.length).toBeLessThanOrEqual(1024 * 1024 + 1);
    expect(JSON.stringify(res.json).length).toBeLessThan(3 * 1024 * 1024);
    expect(res.json.decoded.tree.entries[1][1]).toEqual({ k: "int", v: "1" });
  });

  it("decodes each hash value, list item, set member, zset member and stream field", async () => {
    await redis.raw.hset("h", "a", '{"n": 1}', "b", "plain");
    await redis.raw.rpush("l", "[1, 2]", "x".repeat(10_000));
    await redis.raw.sadd("s", '{"m": true}');
    await redis.raw.zadd("z", 1, '["z"]');
    await redis.raw.xadd("x", "*", "f", '{"e": null}', "g", "text");
    const h = (await value({ key: "h", decode: "1" })).json;
    const byField = Object.fromEntries(h.entries.map((e: any) => [e.field, e.decoded]));
    expect(byField.a.format).toBe("json");
    expect(byField.b).toBeNull();
    const l = (await value({ key: "l", decode: "1" })).json;
    expect(l.decoded[0].format).toBe("json");
    expect(l.decoded[1]).toBeNull(); // a preview: decoded by the item read
    expect((await value({ key: "s", decode: "1" })).json.decoded[0].format).toBe("json");
    expect((await value({ key: "z", decode: "1" })).json.members[0].decoded.format).toBe("json");
    const x = (await value({ key: "x", decode: "1" })).json;
    expect(x.entries[0].decoded[0].format).toBe("json");
    expect(x.entries[0].decoded[1]).toBeNull();
  });

  it("decodes a whole item from the item read", async () => {
    await redis.raw.rpush("l2", JSON.stringify({ pad: "y".repeat(10_000) }));
    const res = await call(r.valueItem.GET, {
      params,
      query: { key: "l2", index: "0", decode: "1" },
    });
    expect(res.status).toBe(200);
    itemValue.parse(res.json);
    expect(res.json.decoded.format).toBe("json");
  });

  it("refuses an unknown decode value with a 400", async () => {
    await redis.raw.set("plain", "x");
    const { status, json } = await value({ key: "plain", decode: "yaml" });
    expect(status).toBe(400);
    expect(json.error.code).toBe("BAD_REQUEST");
    expect(json.error.message).toMatch(/decode must be/);
  });
});
