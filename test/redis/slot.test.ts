import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bulkStep, type StepSpec, type Walk } from "@/lib/redis/bulk-steps";
import { groupBySlot, hashTag, keySlot } from "@/lib/redis/slot";
import { type RedisProcess, startRedis } from "@/scripts/lib/redis-server.mjs";

// Slots are checked against a real cluster-enabled redis-server (one node that owns every slot),
// so the CRC16 and hash-tag rules are Redis's own, and CROSSSLOT is Redis's own refusal.

let server: RedisProcess;
let raw: Redis;

beforeAll(async () => {
  server = await startRedis({
    // Relative to --dir, the server's own temp dir, which stop() removes.
    args: ["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf"],
  });
  raw = new Redis(server.url, { protocol: 2 });
  await raw.call("CLUSTER", "ADDSLOTSRANGE", "0", "16383");
  const deadline = Date.now() + 10_000;
  while (!String(await raw.call("CLUSTER", "INFO")).includes("cluster_state:ok")) {
    if (Date.now() > deadline) throw new Error("the one-node cluster never became ok");
    await new Promise((r) => setTimeout(r, 50));
  }
  // A user without scripting, so bulk steps take their pipeline path.
  await raw.call("ACL", "SETUSER", "noscript", "on", "nopass", "~*", "&*", "+@all", "-@scripting");
});

afterAll(async () => {
  raw?.disconnect();
  await server?.stop();
});

beforeEach(async () => {
  await raw.flushall();
});

const k = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : Buffer.from(p))));

const ODD_KEYS: [string, Buffer][] = [
  ["empty key", k("")],
  ["plain text", k("user:1000")],
  ["not UTF-8", k([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28])],
  ["empty tag {}", k("{}user:1000")],
  ["empty tag at the end", k("user:1000{}")],
  ["tag at the start", k("{user1000}.following")],
  ["tag at the end", k("followers.{user1000}")],
  ["{ without }", k("user{1000")],
  ["} before {", k("user}1000{x")],
  ["two tags: the first counts", k("{a}{b}")],
  ["nested braces", k("{{a}}")],
  ["empty tag, then a tag", k("{}{a}")],
  ["binary inside the tag", k("x{", [0xc3, 0x28, 0xff], "}y")],
  ["binary around the tag", k([0xff], "{tag}", [0x00, 0xfe])],
  ["a lone {", k("{")],
  ["a lone }", k("}")],
];

async function serverSlot(key: Buffer): Promise<number> {
  return Number(await raw.callBuffer("CLUSTER", "KEYSLOT", key));
}

describe("keySlot", () => {
  it.each(ODD_KEYS)("agrees with CLUSTER KEYSLOT: %s", async (_, key) => {
    expect(keySlot(key)).toBe(await serverSlot(key));
  });

  it("agrees with CLUSTER KEYSLOT on 2,000 random binary keys full of braces", async () => {
    const pick = [0x7b, 0x7d, 0x7b, 0x7d, 0x61, 0x00, 0xff];
    const keys = Array.from({ length: 2000 }, () => {
      const bytes = randomBytes(Math.floor(Math.random() * 24));
      // About a third of the bytes become braces (or a few others), so tags of every shape occur.
      for (let i = 0; i < bytes.length; i++)
        if (Math.random() < 0.35)
          bytes[i] = pick[Math.floor(Math.random() * pick.length)] as number;
      return bytes;
    });
    const p = raw.pipeline();
    for (const key of keys) p.callBuffer("CLUSTER", "KEYSLOT", key);
    const replies = (await p.exec()) ?? [];
    const mismatches = keys.filter((key, i) => keySlot(key) !== Number(replies[i]?.[1]));
    expect(mismatches.map((m) => m.toString("hex"))).toEqual([]);
  });

  it("hashes the bytes: the same key decoded as text lands in another slot", async () => {
    const key = k("session:", [0xff, 0xfe, 0xfd]);
    const asText = Buffer.from(key.toString("utf8")); // 0xff… become U+FFFD replacement chars
    expect(keySlot(key)).toBe(await serverSlot(key));
    expect(keySlot(asText)).not.toBe(keySlot(key));
  });

  it("hashTag returns the tag only when it is closed and not empty", () => {
    expect(hashTag(k("{user1000}.following")).toString()).toBe("user1000");
    expect(hashTag(k("a{}b")).toString()).toBe("a{}b");
    expect(hashTag(k("a{b")).toString()).toBe("a{b");
    expect(hashTag(k("{{a}}")).toString()).toBe("{a");
  });
});

describe("groupBySlot", () => {
  it("makes groups that a cluster accepts in one multi-key command, where the whole batch fails", async () => {
    const keys = [
      ...Array.from({ length: 40 }, (_, i) => k(`bulk:${i}`)),
      ...ODD_KEYS.map(([, key]) => key),
      k("{same}a"),
      k("{same}b"),
    ];
    const p = raw.pipeline();
    for (const key of keys) p.set(key, "v");
    await p.exec();
    await expect(raw.unlink(...keys)).rejects.toThrow(/CROSSSLOT/);

    const groups = groupBySlot(keys);
    expect(groups.flatMap((g) => g.indexes).sort((a, b) => a - b)).toEqual(keys.map((_, i) => i));
    for (const g of groups)
      expect(new Set(g.indexes.map((i) => keySlot(keys[i] as Buffer))).size).toBe(1);
    const same = groups.find((g) => g.indexes.includes(keys.length - 1));
    expect(same?.indexes).toContain(keys.length - 2);

    let removed = 0;
    for (const g of groups) removed += await raw.unlink(...g.indexes.map((i) => keys[i] as Buffer));
    expect(removed).toBe(keys.length);
    expect(await raw.dbsize()).toBe(0);
  });
});

describe("bulk steps on a cluster node", () => {
  async function walk(node: Redis, spec: StepSpec) {
    const w: Walk = { cursor: "0", pending: [] };
    let matched = 0;
    let affected = 0;
    while (w.cursor !== null || w.pending.length > 0) {
      const step = await bulkStep(node, w, spec);
      matched += step.matched;
      affected += step.affected;
    }
    return { matched, affected };
  }

  it("the pipeline path deletes keys of many slots (one UNLINK per slot)", async () => {
    const p = raw.pipeline();
    for (let i = 0; i < 600; i++) p.set(k(`del:${i}:`, [0xff, i % 256]), "v");
    for (let i = 0; i < 50; i++) p.set(`keep:${i}`, "v");
    await p.exec();
    const node = new Redis(server.url, { protocol: 2, username: "noscript", password: "x" });
    try {
      const spec: StepSpec = {
        action: "delete",
        dryRun: false,
        match: Buffer.from("del:*"),
        type: null,
        ttl: null,
        count: 250,
      };
      expect(await walk(node, spec)).toEqual({ matched: 600, affected: 600 });
      expect(await raw.dbsize()).toBe(50);
    } finally {
      node.disconnect();
    }
  });

  it("where the script's multi-slot UNLINK is refused, the walk goes on by pipeline", async () => {
    const p = raw.pipeline();
    for (let i = 0; i < 600; i++) p.set(`gone:${i}`, "v");
    for (let i = 0; i < 50; i++) p.set(`kept:${i}`, "v");
    await p.exec();
    // The default user may script: the first step tries the script, which the node refuses.
    await expect(raw.eval("return redis.call('UNLINK', 'gone:1', 'gone:2')", 0)).rejects.toThrow(
      /non local key|CROSSSLOT/,
    );
    const node = new Redis(server.url, { protocol: 2 });
    try {
      const spec: StepSpec = {
        action: "delete",
        dryRun: false,
        match: Buffer.from("gone:*"),
        type: null,
        ttl: null,
        count: 250,
      };
      expect(await walk(node, spec)).toEqual({ matched: 600, affected: 600 });
      expect(await raw.dbsize()).toBe(50);
    } finally {
      node.disconnect();
    }
  });
});
