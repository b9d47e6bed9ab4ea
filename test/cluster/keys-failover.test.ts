import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { keySlot } from "@/lib/redis/slot";
import { withCluster } from "../cluster-harness";
import { call } from "../harness";
import * as r from "../routes";

// The cluster changing under Keyscope: a slot migrated to another master (MOVED/ASK replies),
// and a master killed with SIGKILL in the middle of a key walk (its replica takes over).

const c = withCluster();
const params = { conn: "default", db: "0" };
const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

async function masterOf(slot: number) {
  const masters = await c.cluster.masters();
  const client = new Redis({ port: masters[0]?.port, host: "127.0.0.1" });
  try {
    const shards = (await client.call("CLUSTER", "SLOTS")) as [number, number, [string, number]][];
    const shard = shards.find(([a, b]) => a <= slot && slot <= b);
    return masters.find((m) => m.port === shard?.[2][1]) as { id: string; port: number };
  } finally {
    client.disconnect();
  }
}

describe("a slot migrated to another master", () => {
  it("answers 503 naming the slot while it moves, then reads from the new owner", async () => {
    const key = "moving:key";
    await c.raw.set(key, "v");
    const slot = keySlot(Buffer.from(key));
    const from = await masterOf(slot);
    const to = (await c.cluster.masters()).find((m) => m.id !== from.id) as typeof from;
    const source = new Redis({ port: from.port, host: "127.0.0.1" });
    const target = new Redis({ port: to.port, host: "127.0.0.1" });
    try {
      // Keyscope has read the layout (the slot on `from`) just before the move.
      expect((await call(r.key.GET, { params, query: { key } })).status).toBe(200);
      await target.call("CLUSTER", "SETSLOT", slot, "IMPORTING", from.id);
      await source.call("CLUSTER", "SETSLOT", slot, "MIGRATING", to.id);
      await source.call("MIGRATE", "127.0.0.1", to.port, "", 0, 5000, "KEYS", key);
      // Mid-migration the key is on `to`, the slot still on `from`: `from` answers ASK.
      const asked = await call(r.key.GET, { params, query: { key } });
      expect(asked.status).toBe(503);
      expect(asked.json.error.message).toContain(`slot ${slot}`);
      for (const node of [target, source])
        await node.call("CLUSTER", "SETSLOT", slot, "NODE", to.id);
      // Now `from` answers MOVED until Keyscope re-reads the layout; at most one 503, then 200.
      let res = await call(r.key.GET, { params, query: { key } });
      if (res.status === 503) {
        expect(res.json.error.message).toMatch(/moved slot/);
        res = await call(r.key.GET, { params, query: { key } });
      }
      expect(res.status).toBe(200);
      expect(res.json.type).toBe("string");
    } finally {
      source.disconnect();
      target.disconnect();
    }
  });
});

type Page = { cursor: string; keys: { key: string }[]; restarted?: string };

/** A master the cursor's walk is in the middle of (parts are [node id, SCAN cursor, owned]). */
function walkedNode(cursor: string): string {
  const [parts] = JSON.parse(Buffer.from(cursor.slice(3), "base64url").toString()) as [string[][]];
  return parts.find((p) => p[1] !== "0")?.[0] as string;
}

describe("a master killed in the middle of a walk", () => {
  it("loses no key: the walk restarts that master's slots on the new master and says so", async () => {
    const keys = Array.from({ length: 3000 }, (_, i) => `w:${i}`);
    await c.seed(keys);
    const seen = new Map<string, number>();
    const page = async (cursor: string) => {
      const res = await call(r.keys.GET, { params, query: { cursor, count: "100", meta: "0" } });
      expect([200, 503], JSON.stringify(res.json)).toContain(res.status);
      return res;
    };
    let cursor = "0";
    // Walk well into the keyspace (every master is walked at once), then kill one master.
    for (let i = 0; i < 100; i++) {
      const { json } = await page(cursor);
      for (const k of (json as Page).keys) seen.set(k.key, (seen.get(k.key) ?? 0) + 1);
      cursor = json.cursor;
      if (seen.size > 1200) break;
    }
    expect(cursor).toMatch(/^c2\./);
    const victimId = walkedNode(cursor);
    const victim = (await c.cluster.masters()).find((m) => m.id === victimId);
    const proc = c.cluster.nodes.find((n) => n.port === victim?.port);
    expect(proc).toBeDefined();
    // The replica must hold the keys before its master dies: right after the cluster starts it
    // is still in its first sync (repl-diskless-sync-delay is 5 s), and a failover then loses
    // writes in Redis itself, which no cursor can bring back.
    const victimClient = new Redis({ port: victim?.port, host: "127.0.0.1" });
    expect(await victimClient.call("WAIT", 1, 20_000)).toBe(1);
    victimClient.disconnect();
    process.kill(proc?.pid as number, "SIGKILL");

    let unavailable = 0;
    let restarted: string | undefined;
    const deadline = Date.now() + 30_000;
    while (cursor !== "0" && Date.now() < deadline) {
      const res = await page(cursor);
      if (res.status === 503) {
        unavailable++;
        await sleep(300);
        continue;
      }
      const json = res.json as Page;
      restarted ??= json.restarted;
      for (const k of json.keys) seen.set(k.key, (seen.get(k.key) ?? 0) + 1);
      cursor = json.cursor;
    }
    expect(cursor).toBe("0");
    // Every key was seen; a repeat only comes with the notice.
    for (const k of keys) expect(seen.has(k), k).toBe(true);
    const repeats = [...seen.values()].filter((n) => n > 1).length;
    if (repeats > 0)
      expect(restarted).toMatch(/cluster changed during the walk.*were walked again/);
    expect(restarted).toBeDefined();
    // The UI shows this one line under the list.
    expect(restarted).toContain("listed twice");
    expect(unavailable).toBeGreaterThan(0);
    // The failed-over cluster serves reads and the browser's dbsize again.
    const after = await call(r.keys.GET, { params, query: { count: "10" } });
    expect(after.status).toBe(200);
    expect(after.json.dbsize).toBe(3000);
  }, 60_000);
});
