import { describe, expect, it } from "vitest";
import { resetServerTypesForTests } from "@/lib/redis/server-types";
import { asRestrictedUser, call, withRedisServer } from "../harness";
import * as r from "../routes";

// A type filter the server has no such type for would scan the whole keyspace and answer
// "no keys" (SCAN TYPE banana matches nothing): it is refused, naming the valid types.
const redis = withRedisServer();
const params = { conn: "default", db: "0" };
const CORE = ["string", "hash", "list", "set", "zset", "stream"];

const keys = (type: string) => call(r.keys.GET, { params, query: { type } });
const bulk = (type: string) =>
  call(r.bulk.POST, {
    params,
    method: "POST",
    body: { action: "delete", match: "*", type, dryRun: true },
  });

describe("type filters", () => {
  it("refuse a type the server does not have with 400 naming the valid ones", async () => {
    await redis.raw.set("k", "v");
    for (const res of [await keys("banana"), await bulk("banana")]) {
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe("BAD_REQUEST");
      expect(res.json.error.message).toContain("banana");
      for (const t of CORE) expect(res.json.error.message).toContain(t);
    }
    expect(await redis.raw.exists("k")).toBe(1);
    // This server loads no module, so a module type is not one it has either.
    expect((await keys("ReJSON-RL")).status).toBe(400);
    for (const t of CORE) expect((await keys(t)).status, t).toBe(200);
    expect((await keys("string")).json.keys).toEqual([{ key: "k", type: "string", ttl: -1 }]);
    expect((await bulk("string")).status).toBe(202);
  });

  it("fall back to the core types where MODULE LIST is refused", async () => {
    await asRestrictedUser(redis, ["-module"], async () => {
      resetServerTypesForTests();
      expect((await keys("hash")).status).toBe(200);
      const res = await keys("banana");
      expect(res.status).toBe(400);
      expect(res.json.error.message).toContain("zset");
      // The refusal really happened (so the fallback is what answered).
      const log = JSON.stringify(await redis.raw.call("ACL", "LOG"));
      expect(log).toMatch(/module/i);
    });
    resetServerTypesForTests();
  });
});
