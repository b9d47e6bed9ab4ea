import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { keyValue } from "@/lib/schemas/values";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";

// The compressions and formats through the value route on a real Redis: what the browser gets.

const redis = withRedisServer();
const params = { conn: "default", db: "0" };

async function value(query: Record<string, string>) {
  const res = await call(r.value.GET, { params, query });
  expect(res.status).toBe(200);
  keyValue.parse(res.json);
  return res.json;
}

describe("GET …/key/value?decode= with compressions and binary formats", () => {
  it("decodes a gzip'd JSON string as gzip → json, and leaves the stored bytes alone", async () => {
    const gz = zlib.gzipSync(Buffer.from('{"user": "ada", "n": 9007199254740993}'));
    await redis.raw.set("gz:doc", gz);
    const json = await value({ key: "gz:doc", decode: "1" });
    expect(json.decoded).toMatchObject({
      format: "json",
      compression: "gzip",
      chain: ["gzip", "json"],
      summary: "json · dict of 2",
    });
    expect(json.decoded.text).toContain("9007199254740993");
    expect((await redis.raw.getBuffer("gz:doc"))?.equals(gz)).toBe(true);
  });

  it("decodes a msgpack hash field beside its value, and not the plain one", async () => {
    // {"theme": "sepia", "n": 5} as msgpack (django-redis's MSGPackSerializer writes this)
    const packed = Buffer.from("82a57468656d65a57365706961a16e05", "hex");
    await redis.raw.hset("h:cfg", "packed", packed, "plain", "hello");
    const json = await value({ key: "h:cfg", decode: "1" });
    const byField = Object.fromEntries(
      json.entries.map((e: { field: string; decoded: unknown }) => [e.field, e.decoded]),
    );
    expect(byField.packed).toMatchObject({ format: "msgpack", chain: ["msgpack"] });
    expect(byField.packed.text).toContain('"sepia"');
    expect(byField.plain).toBeNull();
  });

  it("forces protobuf and a compression chain through decode=", async () => {
    await redis.raw.set("pb", Buffer.from("089601", "hex"));
    const pb = await value({ key: "pb", decode: "protobuf" });
    expect(pb.decoded).toMatchObject({ format: "protobuf", chain: ["protobuf"] });
    expect(pb.decoded.text).toContain("150");
    await redis.raw.set("br", zlib.brotliCompressSync(Buffer.from("[1, 2]")));
    const br = await value({ key: "br", decode: "brotli,json" });
    expect(br.decoded).toMatchObject({ chain: ["brotli", "json"], compression: "brotli" });
  });
});
