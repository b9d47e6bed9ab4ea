import { describe, expect, it } from "vitest";
import { keysPage } from "@/lib/schemas/keys";
import { withCluster } from "../cluster-harness";
import { b64url, call } from "../harness";
import * as r from "../routes";

// The foundation on a real six-node cluster: the connection is a cluster, a walk covers every
// master, a binary key is read from the master that owns its slot, db 1 is 404.

const c = withCluster();
const params = { conn: "default", db: "0" };

describe("a cluster connection", () => {
  it("is listed as a cluster with one database", async () => {
    const { json } = await call(r.connections.GET);
    expect(json.connections[0]).toMatchObject({ id: "default", mode: "cluster", databases: 1 });
  });

  it("walks every master's keys exactly once and sums dbsize", async () => {
    await c.seed(Array.from({ length: 600 }, (_, i) => `k:${i}`));
    const seen: string[] = [];
    let cursor = "0";
    let dbsize = 0;
    do {
      const { status, json } = await call(r.keys.GET, { params, query: { cursor, count: "100" } });
      expect(status).toBe(200);
      const page = keysPage.parse(json);
      seen.push(...page.keys.map((k) => k.key.toString()));
      dbsize = page.dbsize;
      cursor = page.cursor;
    } while (cursor !== "0");
    expect(seen.length).toBe(600);
    expect(new Set(seen).size).toBe(600);
    expect(dbsize).toBe(600);
  });

  it("reads a binary key from the master that owns its slot", async () => {
    const key = Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x41]);
    await (await c.nodeFor(key)).set(key, Buffer.from([0xc3, 0x28]));
    const { status, json } = await call(r.value.GET, { params, query: { key64: b64url(key) } });
    expect(status).toBe(200);
    expect(JSON.stringify(json)).toContain(Buffer.from([0xc3, 0x28]).toString("base64"));
  });

  it("has no database 1", async () => {
    const { status } = await call(r.keys.GET, { params: { conn: "default", db: "1" } });
    expect(status).toBe(404);
  });
});
