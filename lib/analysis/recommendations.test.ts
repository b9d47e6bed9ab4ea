import { describe, expect, test } from "vitest";
import type { KeySample } from "@/lib/schemas/analysis";
import { createReportBuilder, type ServerFacts } from "./report-builder";
import { cleanServer, meta, sample } from "./test-helpers";

function build(samples: KeySample[], server: Partial<ServerFacts> = {}, scale = 1) {
  const b = createReportBuilder({ delimiter: ":" });
  for (const s of samples) b.add(s);
  return b.finish(
    meta({ server: { ...cleanServer, ...server }, mode: scale > 1 ? "sample" : "full", scale }),
  );
}

const ids = (r: ReturnType<typeof build>) => r.recommendations.map((x) => x.id);

describe("recommendations", () => {
  test("none on a clean keyspace", () => {
    const clean = Array.from({ length: 500 }, (_, i) =>
      sample(`obj:${i % 3 === 0 ? "a" : "b"}:${i}`, {
        type: i % 2 ? "hash" : "string",
        encoding: i % 2 ? "listpack" : "embstr",
        length: 20,
        ttlMs: 3_600_000,
      }),
    );
    const r = build(clean, {
      maxmemoryBytes: 1e9,
      usedMemoryBytes: 1e8,
      maxmemoryPolicy: "allkeys-lru",
    });
    expect(r.recommendations).toEqual([]);
  });

  test("big keys: critical past 10 MiB, with names and figures", () => {
    const r = build([
      sample("blob:1", { length: 20 * 2 ** 20, memoryBytes: 20 * 2 ** 20 + 64, encoding: "raw" }),
      sample("blob:2", { length: 200_000, memoryBytes: 200_100, encoding: "raw" }),
      sample("users", { type: "hash", encoding: "hashtable", length: 80_000, memoryBytes: 5e6 }),
      sample("members", { type: "set", encoding: "hashtable", length: 2_000, memoryBytes: 1e5 }),
    ]);
    const strings = r.recommendations.find((x) => x.id === "big-strings");
    expect(strings?.severity).toBe("critical");
    expect(strings?.keys?.map(String)).toEqual(["blob:1", "blob:2"]);
    expect(strings?.evidence).toContain("2 string keys hold more than 102,400 bytes");
    expect(strings?.evidence).toContain("blob:1 (20,971,520 bytes, 20.0 MiB)");
    const hashes = r.recommendations.find((x) => x.id === "split-big-hashes");
    expect(hashes?.severity).toBe("warning");
    expect(hashes?.evidence).toContain("users (80,000 elements");
    expect(ids(r)).toContain("big-sets");
    expect(ids(r)[0]).toBe("big-strings"); // critical first
  });

  test("a big namespace without TTLs in a cache", () => {
    const samples = [
      ...Array.from({ length: 30 }, (_, i) => sample(`sess:k${i}`, { memoryBytes: 1000 })),
      ...Array.from({ length: 70 }, (_, i) =>
        sample(`c:k${i}`, { memoryBytes: 100, ttlMs: 60_000 }),
      ),
    ];
    const r = build(samples);
    const rec = r.recommendations.find((x) => x.id === "no-ttl-namespace");
    expect(rec?.keys?.map(String)).toEqual(["sess"]);
    expect(rec?.evidence).toContain("100 % of its keys (30) have no TTL");
    expect(rec?.evidence).toContain("70 % of all keys have a TTL");
    // Not a cache (no TTLs anywhere, noeviction): silent.
    const noCache = build(samples.map((s) => ({ ...s, ttlMs: -1 })));
    expect(ids(noCache)).not.toContain("no-ttl-namespace");
    // allkeys-* makes it a cache even without TTLs.
    const lru = build(
      samples.map((s) => ({ ...s, ttlMs: -1 })),
      { maxmemoryPolicy: "allkeys-lru" },
    );
    expect(
      lru.recommendations
        .filter((x) => x.id === "no-ttl-namespace")
        .map((x) => String(x.keys?.[0])),
    ).toEqual(["sess"]);
  });

  test("near maxmemory with noeviction is critical; another policy or room is not", () => {
    const s = [sample("a")];
    expect(ids(build(s, { maxmemoryBytes: 100e6, usedMemoryBytes: 95e6 }))).toEqual([
      "near-maxmemory-noeviction",
    ]);
    expect(ids(build(s, { maxmemoryBytes: 100e6, usedMemoryBytes: 80e6 }))).toEqual([]);
    expect(
      ids(
        build(s, { maxmemoryBytes: 100e6, usedMemoryBytes: 95e6, maxmemoryPolicy: "volatile-lru" }),
      ),
    ).toEqual([]);
    expect(ids(build(s, { maxmemoryBytes: 0, usedMemoryBytes: 95e6 }))).toEqual([]);
  });

  test("keys in several databases", () => {
    expect(ids(build([sample("a")], { databasesWithKeys: 3 }))).toEqual(["multiple-databases"]);
  });

  test("collections past the compact encodings are counted, smallest named", () => {
    const r = build([
      sample("h1", { type: "hash", encoding: "hashtable", length: 130 }),
      sample("h2", { type: "hash", encoding: "hashtable", length: 3000 }),
      sample("h3", { type: "hash", encoding: "listpack", length: 10 }),
      sample("z1", { type: "zset", encoding: "skiplist", length: 200 }),
    ]);
    const hash = r.recommendations.find((x) => x.id === "loose-encoding-hash");
    expect(hash?.title).toBe("2 hashes past the compact encoding (hashtable)");
    expect(hash?.evidence).toContain("hash-max-listpack-entries 128");
    expect(hash?.keys?.map(String)).toEqual(["h1", "h2"]);
    expect(ids(r)).toContain("loose-encoding-zset");
  });

  test("many small strings under one prefix could be a hash", () => {
    const samples = Array.from({ length: 1200 }, (_, i) =>
      sample(`flag:f${i.toString(36).replace(/\d/g, "x")}${i}a`, { length: 5, memoryBytes: 56 }),
    );
    const r = build(samples);
    const rec = r.recommendations.find((x) => x.id === "small-strings-to-hash");
    expect(rec?.keys?.map(String)).toEqual(["flag"]);
    expect(rec?.evidence).toContain("1,200 of its 1,200 keys are strings under 200 bytes");
    // Below the threshold: silent.
    expect(ids(build(samples.slice(0, 500)))).not.toContain("small-strings-to-hash");
  });

  test("sample mode: counts in the evidence are scaled", () => {
    const r = build(
      [sample("blob", { length: 500_000, memoryBytes: 500_100 }), sample("x")],
      {},
      100,
    );
    expect(r.recommendations.find((x) => x.id === "big-strings")?.evidence).toMatch(
      /^About 100 string keys/,
    );
  });
});
