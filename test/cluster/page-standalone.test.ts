import { describe, expect, it } from "vitest";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";

// The Cluster page's endpoint is a cluster's alone; a standalone overview has no cluster block
// and takes only its own server as `node`.

const redis = withRedisServer();
const params = { conn: "default" };

describe("a standalone connection", () => {
  it("has no cluster page", async () => {
    const { status, json } = await call(r.cluster.GET, { params });
    expect(status).toBe(404);
    expect(json.error.code).toBe("NOT_FOUND");
  });

  it("has an overview without a cluster block; node is its own address or a 400", async () => {
    const plain = await call(r.overview.GET, { params });
    expect(plain.status).toBe(200);
    expect(plain.json.cluster).toBeUndefined();
    expect(plain.json.persistence.node).toBeUndefined();
    const own = await call(r.overview.GET, {
      params,
      query: { node: `127.0.0.1:${redis.server.port}` },
    });
    expect(own.status).toBe(200);
    const other = await call(r.overview.GET, { params, query: { node: "127.0.0.1:1" } });
    expect(other.status).toBe(400);
  });
});
