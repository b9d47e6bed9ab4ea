import { describe, expect, it } from "vitest";
import { withCluster } from "../cluster-harness";
import { call } from "../harness";
import * as r from "../routes";

// A cluster whose nodes have an ACL user for Keyscope (the same user on every node, as Redis
// Cluster deployments do): a saved connection with that user and password reaches every master
// as that user, the user's key patterns hold (NOPERM is a 403), and a wrong password is a clear
// refusal of the test, not a 500.

const USER = "keyscope-app";
const SECRET = "acl-pass-5f2";
const c = withCluster({
  // `app:*` keys only; SCAN and the server commands Keyscope's pages use, not FLUSHALL.
  args: ["--user", USER, "on", `>${SECRET}`, "~app:*", "&*", "+@all", "-flushall", "-flushdb"],
});
const seeds = () => c.cluster.seeds;

async function save(password: string): Promise<{ status: number; id?: string; json: any }> {
  const res = await call(r.connections.POST, {
    body: { name: `acl ${password}`, mode: "cluster", nodes: seeds(), username: USER, password },
  });
  return { status: res.status, id: res.json.id, json: res.json };
}

describe("a cluster with an ACL user", () => {
  it("tests, walks and reads as that user on every master; its key patterns hold", async () => {
    const tested = await call(r.connectionsTest.POST, {
      body: { name: "t", mode: "cluster", nodes: seeds(), username: USER, password: SECRET },
    });
    expect(tested.json, JSON.stringify(tested.json)).toMatchObject({ ok: true, mode: "cluster" });
    const wrong = await call(r.connectionsTest.POST, {
      body: { name: "t", mode: "cluster", nodes: seeds(), username: USER, password: "nope" },
    });
    expect(wrong.status).toBe(200);
    expect(wrong.json.ok).toBe(false);
    expect(JSON.stringify(wrong.json)).toMatch(/WRONGPASS|password|auth/i);

    const saved = await save(SECRET);
    expect(saved.status).toBe(201);
    const params = { conn: saved.id as string, db: "0" };
    const keys = Array.from({ length: 200 }, (_, i) => `app:${i}`);
    await c.seed([...keys, "secret:1"]);
    const seen = new Set<string>();
    let cursor = "0";
    do {
      const page = await call(r.keys.GET, { params, query: { cursor, count: "100", meta: "0" } });
      expect(page.status, JSON.stringify(page.json)).toBe(200);
      for (const k of page.json.keys as { key: string }[]) seen.add(k.key);
      cursor = page.json.cursor;
    } while (cursor !== "0");
    // SCAN lists every key (ACL key patterns do not filter SCAN); reading one outside is 403.
    expect(seen.size).toBe(201);
    expect((await call(r.key.GET, { params, query: { key: "app:7" } })).status).toBe(200);
    const denied = await call(r.key.GET, { params, query: { key: "secret:1" } });
    expect(denied.status).toBe(403);
    expect(denied.json.error.code).toBe("FORBIDDEN");
    // Every master has Keyscope's connections as that user.
    for (const m of await c.masters()) {
      const list = String(await m.client("LIST"));
      expect(list, `master ${m.options.port}`).toMatch(new RegExp(`user=${USER}\\b`));
    }
  });
});
