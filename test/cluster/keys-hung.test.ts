import { describe, expect, it } from "vitest";
import { withCluster } from "../cluster-harness";
import { call } from "../harness";
import * as r from "../routes";

// A master that hangs (SIGSTOP: connected, never answering) under a browsing page: requests that
// need it answer 503 within the command timeout instead of hanging, keys of the other masters
// still read, and once it answers again (or its replica took over) everything works without a
// restart. A cluster of this file's own: the pause may make the cluster fail the master over.

const c = withCluster({ env: { KEYSCOPE_COMMAND_TIMEOUT_MS: "800" } });
const params = { conn: "default", db: "0" };
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

describe("a hung master", () => {
  it("is a 503 within the timeout, other masters' keys still read, and it recovers", async () => {
    const keys = Array.from({ length: 300 }, (_, i) => `hung:${i}`);
    await c.seed(keys);
    const victim = await c.nodeFor("hung:0");
    const port = victim.options.port as number;
    let otherKey = "";
    for (const k of keys)
      if ((await c.nodeFor(k)).options.port !== port) {
        otherKey = k;
        break;
      }
    // Keyscope has the layout before the pause.
    expect((await call(r.key.GET, { params, query: { key: "hung:0" } })).status).toBe(200);
    const proc = c.cluster.nodes.find((n) => n.port === port);
    proc?.pause();
    try {
      let started = Date.now();
      const read = await call(r.key.GET, { params, query: { key: "hung:0" } });
      expect(read.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(3000);
      started = Date.now();
      const page = await call(r.keys.GET, { params, query: { count: "500", meta: "0" } });
      expect(page.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(3000);
      const elsewhere = await call(r.key.GET, { params, query: { key: otherKey } });
      expect(elsewhere.status).toBe(200);
    } finally {
      proc?.resume();
    }
    // Answering again (as master, or as a replica after a failover): a full walk has every key.
    const deadline = Date.now() + 20_000;
    let seen = new Set<string>();
    while (Date.now() < deadline) {
      seen = new Set<string>();
      let cursor = "0";
      let ok = true;
      do {
        const res = await call(r.keys.GET, { params, query: { cursor, count: "500", meta: "0" } });
        if (res.status !== 200) {
          ok = false;
          break;
        }
        for (const k of res.json.keys as { key: string }[]) seen.add(k.key);
        cursor = res.json.cursor;
      } while (cursor !== "0");
      if (ok && seen.size === keys.length) break;
      await sleep(300);
    }
    expect(seen.size).toBe(keys.length);
  }, 40_000);
});
