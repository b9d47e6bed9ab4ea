import { Redis } from "ioredis";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/errors";
import { listDatabases } from "@/lib/redis/databases";
import { keysMeta } from "@/lib/redis/keys";
import { keySlot } from "@/lib/redis/slot";
import { byNode, type RedisTarget, targetFor } from "@/lib/redis/target";
import { withRedisServer } from "../harness";

const redis = withRedisServer();

async function clientNames(): Promise<string[]> {
  const list = String(await redis.raw.client("LIST"));
  return [...list.matchAll(/ name=(\S*)/g)].map((m) => m[1] as string);
}

describe("the standalone target", () => {
  it("is one master, id 0, whose client serves every key of its database", async () => {
    const target = targetFor("default", 3);
    expect(target).toMatchObject({ kind: "standalone", connId: "default", db: 3 });
    const masters = await target.masters();
    expect(masters.map((m) => m.id)).toEqual(["0"]);
    const [master] = masters;
    // The same shared client for keys, fan-out and server commands: one connection per db.
    expect(await target.forKey(Buffer.from("a"))).toBe(master?.client);
    expect(await target.forKey(Buffer.from([0xff, 0x7b]))).toBe(master?.client);
    expect((await target.serverNodes())[0]?.client).toBe(master?.client);
    await master?.client.set("in-db-3", "v");
    expect(await redis.raw.exists("in-db-3")).toBe(0);
    await redis.raw.select(3);
    expect(await redis.raw.exists("in-db-3")).toBe(1);
    await redis.raw.select(0);
  });

  it("answers 404 for a connection that does not exist", () => {
    expect(() => targetFor("nope", 0)).toThrow(ApiError);
    expect(() => targetFor("nope", 0)).toThrow(/No connection named "nope"/);
  });

  it("knows the server's databases and counts their keys", async () => {
    expect(await targetFor("default", 0).databaseCount()).toBe(16);
    await redis.raw.set("a", "1", "EX", 1000);
    await redis.raw.set("b", "1");
    await redis.raw.select(2);
    await redis.raw.set("c", "1");
    await redis.raw.select(0);
    const dbs = await listDatabases("default");
    expect(dbs).toHaveLength(16);
    expect(dbs[0]).toMatchObject({ db: 0, keys: 2, expires: 1 });
    expect(dbs[2]).toEqual({ db: 2, keys: 1, expires: 0, avgTtlMs: 0 });
    expect(dbs[1]).toEqual({ db: 1, keys: 0, expires: 0, avgTtlMs: 0 });
  });

  it("opens dedicated connections of their own, named, on the target's database", async () => {
    const target = targetFor("default", 5);
    const [node] = await target.dedicated("keyscope-test-job");
    try {
      expect(node?.id).toBe("0");
      expect(node?.client).not.toBe((await target.masters())[0]?.client);
      expect(await clientNames()).toContain("keyscope-test-job");
      await node?.client.set("job-key", "v");
      await redis.raw.select(5);
      expect(await redis.raw.exists("job-key")).toBe(1);
      await redis.raw.select(0);
    } finally {
      await node?.client.quit();
    }
    // Quitting it leaves the shared client working.
    expect(await (await target.forKey(Buffer.from("x"))).ping()).toBe("PONG");
  });
});

describe("byNode", () => {
  it("sends each key to the node its slot names, and keeps every key's place", async () => {
    // A target of two nodes that split the slots by parity: two real clients on two databases.
    const even = new Redis(redis.server.url, { protocol: 2, db: 0 });
    const odd = new Redis(redis.server.url, { protocol: 2, db: 1 });
    const asked: number[] = [];
    const base = targetFor("default", 0);
    const twoNodes: RedisTarget = {
      ...base,
      async forKey(key) {
        asked.push(keySlot(key));
        return keySlot(key) % 2 === 0 ? even : odd;
      },
    };
    try {
      const keys = Array.from({ length: 200 }, (_, i) =>
        Buffer.concat([Buffer.from(`k:${i % 150}:`), Buffer.from([0xff, i % 7])]),
      );
      const batches = await byNode(twoNodes, keys, (key) => key);
      expect(batches).toHaveLength(2);
      expect(batches.filter((b) => b.client === even)).toHaveLength(1);
      expect(batches.filter((b) => b.client === odd)).toHaveLength(1);
      for (const b of batches) {
        b.items.forEach((key, j) => {
          expect(keys[b.indexes[j] as number]).toBe(key);
          expect(keySlot(key) % 2 === 0).toBe(b.client === even);
        });
      }
      expect(batches.flatMap((b) => b.indexes).sort((a, b) => a - b)).toEqual(
        keys.map((_, i) => i),
      );
      // One lookup per slot, not per key.
      expect(asked.length).toBe(new Set(keys.map(keySlot)).size);
    } finally {
      even.disconnect();
      odd.disconnect();
    }
  });

  it("keysMeta answers in the order asked, for keys of many slots", async () => {
    const keys = Array.from({ length: 120 }, (_, i) => Buffer.from(`meta:${i}`));
    const p = redis.raw.pipeline();
    keys.forEach((key, i) => {
      if (i % 3 === 0) p.rpush(key, "x");
      else if (i % 3 === 1) p.set(key, "v", "EX", 500);
    });
    await p.exec();
    const meta = await keysMeta("default", 0, keys);
    expect(meta.map((m) => m.key)).toEqual(keys);
    meta.forEach((m, i) => {
      expect(m.type).toBe(["list", "string", "none"][i % 3]);
      expect(m.ttl > 0).toBe(i % 3 === 1);
    });
  });
});

describe("process state", () => {
  // Next loads a module once per layer (proxy.ts, route handlers, pages: lib/process-state.ts);
  // a fresh module instance stands in for the other layer.
  it("a job started through one copy of lib/jobs is found through another", async () => {
    const first = await import("@/lib/jobs");
    const job = first.startJob({ n: 1 }, async () => "done");
    vi.resetModules();
    const second = await import("@/lib/jobs");
    expect(second).not.toBe(first);
    expect(second.findJob(job.id)).toBe(job);
  });

  it("a session revoked through one copy of lib/auth/secrets is refused by another", async () => {
    const routes = await import("@/lib/auth/secrets");
    const session = routes.signSession("pw", 3600);
    vi.resetModules();
    const proxy = await import("@/lib/auth/secrets");
    expect(proxy).not.toBe(routes);
    expect(proxy.verifySession("pw", session.token)?.id).toBe(session.id);
    routes.revokeSession(session.id, session.expires);
    expect(proxy.verifySession("pw", session.token)).toBeNull();
  });
});
