import { describe, expect, it } from "vitest";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";

const redis = withRedisServer({ env: { KEYSCOPE_READ_ONLY: "1" } });
const params = { conn: "default", db: "0" };

describe("read-only mode", () => {
  it("refuses every write with 403 READ_ONLY and leaves the data as it was", async () => {
    await redis.raw.set("k", "v", "EX", 300);
    const writes = [
      call(r.ttl.PUT, { params, query: { key: "k" }, body: { ttl: 5 }, method: "PUT" }),
      call(r.ttl.PUT, { params, query: { key: "k" }, body: { ttl: null }, method: "PUT" }),
      call(r.key.DELETE, { params, query: { key: "k" }, method: "DELETE" }),
      call(r.value.PUT, { params, query: { key: "k" }, body: { value: "x" }, method: "PUT" }),
      call(r.rename.POST, { params, query: { key: "k" }, body: { newKey: "k2" }, method: "POST" }),
      call(r.edit.POST, {
        params,
        query: { key: "k" },
        body: { op: "set", value: "x" },
        method: "POST",
      }),
      call(r.keys.POST, {
        params,
        body: { type: "string", key: "k2", value: "x" },
        method: "POST",
      }),
    ];
    for (const { status, json } of await Promise.all(writes)) {
      expect(status).toBe(403);
      expect(json.error.code).toBe("READ_ONLY");
    }
    expect(await redis.raw.get("k")).toBe("v");
    expect(await redis.raw.ttl("k")).toBe(300);
    expect(await redis.raw.exists("k2")).toBe(0);
    expect((await call(r.key.GET, { params, query: { key: "k" } })).status).toBe(200);
    const conns = await call(r.connections.GET);
    expect(conns.json.connections[0]).toMatchObject({ id: "default", readOnly: true });
  });
});

describe("connections", () => {
  it("never shows a URL or password (host and port, yes: the connection form shows them)", async () => {
    const { json } = await call(r.connections.GET);
    expect(JSON.stringify(json)).not.toMatch(/redis:\/\//);
    expect(json.connections[0]).toEqual({
      id: "default",
      name: "default",
      mode: "standalone",
      readOnly: true,
      production: false,
      source: "env",
      host: "127.0.0.1",
      port: redis.server.port,
      tls: false,
      hasPassword: false,
      databases: 16,
    });
  });
});
