import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ClusterRouter, connectClusterRouter } from "@/scripts/lib/demo/cluster-router.mjs";
import { keySlot } from "@/scripts/lib/key-slot.mjs";
import { type RedisProcess, startRedis } from "@/scripts/lib/redis-server.mjs";
import { loadFixture, seedDemo } from "@/scripts/lib/seed-demo.mjs";
import { withCluster } from "@/test/cluster-harness";

// `npm run demo -- --cluster`'s seeding on a real 3-master, 3-replica cluster (small mode): the
// same db 0 as a standalone demo, type for type, every key on the master owning its slot.

const c = withCluster({ flush: false });
let router: ClusterRouter;
let standalone: RedisProcess;
let plain: Redis;
let seeded: { ms: number; keys: number };
let standaloneSeeded: { ms: number; keys: number };
const TYPES = ["string", "hash", "list", "set", "zset", "stream"] as const;

beforeAll(async () => {
  router = await connectClusterRouter({ host: "127.0.0.1", port: c.cluster.ports[0] as number });
  standalone = await startRedis();
  const { Redis } = await import("ioredis");
  plain = new Redis(standalone.url, { protocol: 2 });
  [seeded, standaloneSeeded] = await Promise.all([
    seedDemo(router, { big: false, log: () => {} }),
    seedDemo(plain, { big: false, log: () => {} }),
  ]);
}, 90_000);

afterAll(async () => {
  router?.disconnect();
  plain?.disconnect();
  await standalone?.stop();
});

/** How many keys of each type one node's db 0 holds, by full SCANs with TYPE. */
async function countByType(node: Redis): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const type of TYPES) {
    let cursor = "0";
    let n = 0;
    do {
      const [next, keys] = (await node.callBuffer(
        "SCAN",
        cursor,
        "COUNT",
        10_000,
        "TYPE",
        type,
      )) as [Buffer, Buffer[]];
      n += keys.length;
      cursor = next.toString();
    } while (cursor !== "0");
    counts[type] = n;
  }
  return counts;
}

describe("seedDemo on a cluster", () => {
  it("computes the slot Redis computes, for text, binary and hash-tagged keys", async () => {
    const admin = (await c.masters())[0] as Redis;
    const keys = [
      "app:user:1",
      "",
      "ключ:🗝",
      "{user:1}:a",
      "a{}b{c}",
      "{}",
      "x{y",
      Buffer.from([0xff, 0xfe, 0x00, 0x41]),
      Buffer.from([0x7b, 0xff, 0x7d, 0x01]),
    ];
    for (const key of keys) {
      expect(keySlot(key), String(key)).toBe(Number(await admin.call("CLUSTER", "KEYSLOT", key)));
    }
  });

  it("writes db 0 of the standalone demo, type for type, spread over every master", async () => {
    const masters = await c.masters();
    expect(masters).toHaveLength(3);
    const perMaster = await Promise.all(masters.map(countByType));
    const sizes = await Promise.all(masters.map((m) => m.dbsize()));
    // Every master holds a real share of the data (about a third each).
    for (const size of sizes) expect(size).toBeGreaterThan(20_000);
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(total).toBe(seeded.keys);

    const summed = Object.fromEntries(
      TYPES.map((t) => [t, perMaster.reduce((n, counts) => n + (counts[t] ?? 0), 0)]),
    );
    const expected = await countByType(plain);
    expect(summed).toEqual(expected);
    expect(summed.string).toBeGreaterThan(100_000);
    expect(summed.hash).toBeGreaterThan(2000);
    expect(summed.stream).toBe(1);
    // The standalone demo also seeds dbs 1–3, which a cluster does not have.
    const elsewhere = loadFixture().filter((e) => e.db !== 0).length;
    expect(standaloneSeeded.keys - seeded.keys).toBeGreaterThan(elsewhere);
    expect(total).toBe(await plain.dbsize());
  });

  it("puts each key on the master owning its slot, binary names byte-exact", async () => {
    const binary = Buffer.from([0xff, 0xfe, 0x00, 0x41]);
    const owner = await c.nodeFor(binary);
    expect(await owner.type(binary)).toBe("string");
    expect(await owner.getBuffer(binary)).toEqual(await plain.getBuffer(binary));
    // Each master holds only keys of its own slots: a sample of each is checked.
    const slots = (await owner.call("CLUSTER", "SLOTS")) as [number, number, [string, number]][];
    for (const m of await c.masters()) {
      const [, keys] = (await m.callBuffer("SCAN", "0", "COUNT", 500)) as [Buffer, Buffer[]];
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        const slot = keySlot(key);
        const range = slots.find(([a, b]) => slot >= a && slot <= b);
        expect(range?.[2][1], key.toString("hex")).toBe(m.options.port);
      }
    }
  });

  it("leaves the stream's consumer group and the Celery queue as on one server", async () => {
    const events = await c.nodeFor("app:events");
    const [count] = (await events.xpending("app:events", "workers")) as [number];
    expect(count).toBe(90);
    expect(await (await c.nodeFor("celery")).llen("celery")).toBe(200);
    expect(await (await c.nodeFor("app:leaderboard:weekly")).zcard("app:leaderboard:weekly")).toBe(
      10_000,
    );
  });

  it("refuses to seed a cluster that already holds keys", async () => {
    await expect(seedDemo(router, { big: false, log: () => {} })).rejects.toThrow(/already holds/);
  });

  it("refuses a db other than 0", async () => {
    await expect(router.select(1)).rejects.toThrow(/no db 1/);
  });
});
