import { describe, expect, it } from "vitest";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";

const redis = withRedisServer({ env: { KEYSCOPE_READ_ONLY: "1" } });
const conn = { conn: "default" };
const db = { conn: "default", db: "0" };

describe("read-only mode and the server actions", () => {
  it("refuses flush, bulk, saves and settings with 403 READ_ONLY and changes nothing", async () => {
    await redis.raw.set("k", "v");
    const [, maxmemoryBefore] = (await redis.raw.config("GET", "maxmemory")) as string[];
    const before = (await redis.raw.info("persistence")).match(/rdb_saves:(\d+)/)?.[1];
    const writes = [
      call(r.flush.POST, { params: db, method: "POST", body: { confirm: "0" } }),
      call(r.flushall.POST, { params: conn, method: "POST", body: { confirm: "default" } }),
      call(r.bulk.POST, { params: db, method: "POST", body: { action: "delete", match: "*" } }),
      call(r.bgsave.POST, { params: conn, method: "POST" }),
      call(r.bgrewriteaof.POST, { params: conn, method: "POST" }),
      call(r.config.PUT, { params: conn, method: "PUT", body: { name: "maxmemory", value: "1" } }),
      call(r.configRewrite.POST, { params: conn, method: "POST" }),
      call(r.jobs.DELETE, {
        params: { jobId: "00000000-0000-0000-0000-000000000000" },
        method: "DELETE",
      }),
    ];
    for (const { status, json } of await Promise.all(writes)) {
      expect(status).toBe(403);
      expect(json.error.code).toBe("READ_ONLY");
    }
    expect(await redis.raw.get("k")).toBe("v");
    expect(await redis.raw.config("GET", "maxmemory")).toEqual(["maxmemory", maxmemoryBefore]);
    expect((await redis.raw.info("persistence")).match(/rdb_saves:(\d+)/)?.[1]).toBe(before);
    // Reading still works, a bulk dry run (a read sent as POST) included.
    const dry = await call(r.bulk.POST, {
      params: db,
      method: "POST",
      body: { action: "delete", match: "*", dryRun: true },
    });
    expect(dry.status).toBe(202);
    expect((await call(r.overview.GET, { params: conn })).status).toBe(200);
    expect((await call(r.config.GET, { params: conn })).status).toBe(200);
  });

  it("reads a HyperLogLog without writing to it, and refuses counting it", async () => {
    await redis.raw.pfadd("hll", "a", "b", "c");
    const changes = async () =>
      /rdb_changes_since_last_save:(\d+)/.exec(await redis.raw.info("persistence"))?.[1];
    const before = await changes();
    const read = await call(r.value.GET, { params: db, query: { key: "hll" } });
    expect(read.json.hyperloglog).toEqual({ count: null });
    const count = await call(r.edit.POST, {
      params: db,
      query: { key: "hll" },
      method: "POST",
      body: { op: "pfcount" },
    });
    expect(count.status).toBe(403);
    expect(count.json.error.code).toBe("READ_ONLY");
    expect(await changes()).toBe(before);
  });

  it("refuses cross-site writes with 403 FORBIDDEN", async () => {
    const { status, json } = await call(r.flush.POST, {
      params: db,
      method: "POST",
      body: { confirm: "0" },
      headers: { origin: "https://evil.example" },
    });
    expect(status).toBe(403);
    expect(json.error.code).toBe("FORBIDDEN");
  });
});
