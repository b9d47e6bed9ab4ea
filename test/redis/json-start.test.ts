import { describe, expect, it } from "vitest";
import { readJsonStart } from "@/lib/redis/types/json";
import { withRedisServer } from "../harness";

// No RedisJSON module is installable here, so the script that reads a large document's start
// runs on a plain string with GET instead of JSON.GET: the same Lua, the same cut, a real server.
const redis = withRedisServer();

describe("the start of a too-large RedisJSON document", () => {
  it("is the first bytes only, cut at a whole character", async () => {
    const doc = `{"name":"${"é".repeat(40_000)}"}`; // 80 KB of two-byte characters
    await redis.raw.set("doc", doc);
    const start = await readJsonStart(redis.raw, Buffer.from("doc"), 1000, "GET");
    // 1000 bytes = `{"name":"` (9) + 495 "é" (990) + the first byte of one more: dropped.
    expect(start).toBe(`{"name":"${"é".repeat(495)}`);
    expect(Buffer.byteLength(start ?? "")).toBe(999);
    expect(await readJsonStart(redis.raw, Buffer.from("doc"), 11, "GET")).toBe('{"name":"é');
    expect(await readJsonStart(redis.raw, Buffer.from("doc"), 10, "GET")).toBe('{"name":"');
    await redis.raw.set("emoji", '{"e":"😀"}'); // a four-byte character at bytes 7–10
    expect(await readJsonStart(redis.raw, Buffer.from("emoji"), 9, "GET")).toBe('{"e":"');
    expect(await readJsonStart(redis.raw, Buffer.from("emoji"), 10, "GET")).toBe('{"e":"😀');
  });

  it("is the whole text when it is shorter than the limit, and null for a missing key", async () => {
    await redis.raw.set("small", '{"a":1}');
    expect(await readJsonStart(redis.raw, Buffer.from("small"), 1000, "GET")).toBe('{"a":1}');
    expect(await readJsonStart(redis.raw, Buffer.from("missing"), 1000, "GET")).toBeNull();
  });

  it("is null, not an error, where the command fails (here: no RedisJSON module)", async () => {
    await redis.raw.set("doc", "{}");
    expect(await readJsonStart(redis.raw, Buffer.from("doc"), 1000)).toBeNull();
  });
});
