import { describe, expect, test } from "vitest";
import { z } from "zod";
import { report as reportSchema } from "@/lib/schemas/analysis";
import { createReportBuilder, relativeStandardError, ttlBucket } from "./report-builder";
import { meta, sample } from "./test-helpers";

const HOUR = 3_600_000;

function ns<R extends { prefix: Buffer }>(report: { namespaces: R[] }) {
  return report.namespaces.map((r) => ({ ...r, prefix: r.prefix.toString("latin1") }));
}

describe("createReportBuilder", () => {
  test("every field from a small hand-made keyspace", () => {
    const b = createReportBuilder({ delimiter: ":" });
    b.add(
      sample("user:1:profile", { type: "hash", encoding: "listpack", memoryBytes: 300, length: 4 }),
    );
    b.add(
      sample("user:2:profile", {
        type: "hash",
        encoding: "listpack",
        memoryBytes: 200,
        length: 3,
        ttlMs: 30 * 60_000,
      }),
    );
    b.add(
      sample("cache:page:home", {
        memoryBytes: 1000,
        length: 900,
        ttlMs: 2 * HOUR,
        encoding: "raw",
      }),
    );
    b.add(sample("plain", { memoryBytes: 50, length: 5 }));
    b.add(
      sample("queue", {
        type: "list",
        encoding: "quicklist",
        memoryBytes: null,
        length: 7,
        ttlMs: 8 * 24 * HOUR,
      }),
    );
    b.add(sample("cache:x", { memoryBytes: 60, length: 2, ttlMs: 2 * 24 * HOUR }));
    const r = b.finish(meta({ keysRead: 6, dbsize: 6 }));

    expect(r).toMatchObject({
      id: "r1",
      db: 0,
      mode: "full",
      keys: 6,
      memoryBytes: 1610,
      unsized: 1,
    });
    expect(r.estimated).toBeUndefined();
    expect(r.uncertainty).toBeUndefined();
    expect(r.byType).toEqual([
      { type: "string", keys: 3, memoryBytes: 1110 },
      { type: "hash", keys: 2, memoryBytes: 500 },
      { type: "list", keys: 1, memoryBytes: 0 },
    ]);
    expect(r.ttlBuckets).toEqual([
      { bucket: "none", keys: 2, memoryBytes: 350 },
      { bucket: "<1h", keys: 1, memoryBytes: 200 },
      { bucket: "1h-24h", keys: 1, memoryBytes: 1000 },
      { bucket: "1d-7d", keys: 1, memoryBytes: 60 },
      { bucket: ">7d", keys: 1, memoryBytes: 0 },
    ]);
    expect(r.encodings).toEqual([
      { type: "string", encoding: "raw", keys: 1, memoryBytes: 1000 },
      { type: "hash", encoding: "listpack", keys: 2, memoryBytes: 500 },
      { type: "string", encoding: "embstr", keys: 2, memoryBytes: 110 },
      { type: "list", encoding: "quicklist", keys: 1, memoryBytes: 0 },
    ]);
    expect(ns(r)).toEqual([
      { prefix: "cache", depth: 1, keys: 2, memoryBytes: 1060, noTtlKeys: 0, share: 1060 / 1610 },
      {
        prefix: "cache:page",
        depth: 2,
        keys: 1,
        memoryBytes: 1000,
        noTtlKeys: 0,
        share: 1000 / 1610,
      },
      // user:<id> is an id, not a namespace: user:1 and user:2 are not rows.
      { prefix: "user", depth: 1, keys: 2, memoryBytes: 500, noTtlKeys: 1, share: 500 / 1610 },
      { prefix: "", depth: 1, keys: 2, memoryBytes: 50, noTtlKeys: 1, share: 50 / 1610 },
    ]);
    expect(r.topKeys.map((k) => k.key.toString())).toEqual([
      "cache:page:home",
      "user:1:profile",
      "user:2:profile",
      "cache:x",
      "plain",
    ]);
    expect(r.topKeys[0]).toEqual({
      key: Buffer.from("cache:page:home"),
      type: "string",
      memoryBytes: 1000,
      length: 900,
      ttl: 7200,
      encoding: "raw",
    });
    expect(r.topKeysByLength.map((k) => k.key.toString())).toEqual([
      "cache:page:home",
      "queue",
      "plain",
      "user:1:profile",
      "user:2:profile",
      "cache:x",
    ]);
    expect(r.topKeysByLength[1]?.ttl).toBe(8 * 24 * 3600);
    expect(r.recommendations).toEqual([]);
    expect(r).toMatchObject({
      delimiter: ":",
      memorySamples: 5,
      keysRead: 6,
      dbsize: 6,
      durationMs: 12,
    });
  });

  test("the report goes through the schema's JSON form and back unchanged", () => {
    const b = createReportBuilder({ delimiter: ":" });
    b.add(sample(Buffer.from([0xff, 0x3a, 0x00, 0x3a, 0x41]), { ttlMs: 5_000 }));
    b.add(sample("h:1", { type: "hash", encoding: "hashtable", length: 9_000, memoryBytes: 4e5 }));
    const r = b.finish(meta({ mode: "sample", scale: 3 }));
    const json = JSON.parse(JSON.stringify(z.encode(reportSchema, r)));
    expect(json.namespaces[0].prefix).toEqual("h");
    expect(json.topKeys[1].key).toEqual({ b64: "/zoAOkE=" });
    expect(reportSchema.parse(json)).toEqual(r);
  });

  test("binary keys are split on bytes and kept exact", () => {
    const b = createReportBuilder({ delimiter: ":" });
    const bin = Buffer.from([0xff, 0x00, 0xfe, 0x3a, 0x80, 0x3a, 0x01]);
    b.add(sample(bin));
    b.add(sample(Buffer.from([0xff, 0x00, 0xfe, 0x3a, 0x41])));
    const r = b.finish(meta());
    expect(r.namespaces.map((n) => [n.prefix, n.depth, n.keys])).toEqual([
      [Buffer.from([0xff, 0x00, 0xfe]), 1, 2],
      [Buffer.from([0xff, 0x00, 0xfe, 0x3a, 0x80]), 2, 1],
    ]);
    expect(r.topKeys.map((k) => k.key)).toContainEqual(bin);
  });

  test("several delimiter characters, multi-byte ones too", () => {
    const b = createReportBuilder({ delimiter: ":/·" });
    b.add(sample("a/b:c"));
    b.add(sample("a:b/d"));
    b.add(sample("x·y·z"));
    const r = b.finish(meta());
    expect(ns(r).map((n) => [Buffer.from(n.prefix, "latin1").toString(), n.depth, n.keys])).toEqual(
      [
        ["a", 1, 2],
        ["x", 1, 1],
        ["a/b", 2, 1],
        ["a:b", 2, 1],
        ["x·y", 2, 1],
      ],
    );
  });

  test("depth stops at MAX_NAMESPACE_DEPTH; the last segment is never a namespace", () => {
    const b = createReportBuilder({ delimiter: ":" });
    b.add(sample("a:b:c:d:e:f:g"));
    b.add(sample("k:"));
    const r = b.finish(meta());
    expect(ns(r).map((n) => [n.prefix, n.depth])).toEqual([
      ["a", 1],
      ["k", 1],
      ["a:b", 2],
      ["a:b:c", 3],
      ["a:b:c:d", 4],
    ]);
  });

  test("id-like segments end the walk; id-first keys have no namespace", () => {
    const b = createReportBuilder({ delimiter: ":" });
    for (const k of [
      "user:42:cart",
      "user:550e8400-e29b-41d4-a716-446655440000:cart",
      "user:deadbeefdeadbeef01:cart",
      "user:cafe:cart", // short hex is a word, not an id
      "12345:x",
    ])
      b.add(sample(k));
    const r = b.finish(meta());
    expect(ns(r).map((n) => [n.prefix, n.depth, n.keys])).toEqual([
      ["user", 1, 4],
      ["", 1, 1],
      ["user:cafe", 2, 1],
    ]);
  });

  test("sample mode scales counts and memory and gives the standard error", () => {
    const b = createReportBuilder({ delimiter: ":" });
    const mems = [100, 200, 300, 400];
    for (const [i, m] of mems.entries())
      b.add(sample(`s:${"k".repeat(i + 1)}`, { memoryBytes: m }));
    const r = b.finish(meta({ mode: "sample", scale: 250, keysRead: 4, dbsize: 1000 }));
    expect(r.estimated).toBe(true);
    expect(r.keys).toBe(1000);
    expect(r.memoryBytes).toBe(250_000);
    expect(r.byType).toEqual([{ type: "string", keys: 1000, memoryBytes: 250_000 }]);
    expect(r.namespaces[0]).toMatchObject({
      prefix: Buffer.from("s"),
      keys: 1000,
      memoryBytes: 250_000,
      share: 1,
    });
    expect(r.ttlBuckets[0]).toEqual({ bucket: "none", keys: 1000, memoryBytes: 250_000 });
    // mean 250, sample variance 16666.7: sqrt(16666.7 / 4) / 250.
    expect(r.uncertainty).toBeCloseTo(Math.sqrt(16666.666 / 4) / 250, 6);
    // Top keys are the real keys read, not scaled.
    expect(r.topKeys[0]?.memoryBytes).toBe(400);
  });

  test("the standard error shrinks as the sample grows", () => {
    const rse = (n: number) => {
      const b = createReportBuilder({ delimiter: ":" });
      for (let i = 0; i < n; i++) b.add(sample(`k${i}`, { memoryBytes: 50 + (i % 10) * 10 }));
      return b.finish(meta({ mode: "sample", scale: 10 })).uncertainty ?? Number.NaN;
    };
    expect(rse(10_000)).toBeLessThan(rse(100) / 5);
    expect(relativeStandardError(1, 5, 0)).toBe(0);
  });

  test("TTL bucket edges", () => {
    expect(ttlBucket(-1)).toBe("none");
    expect(ttlBucket(0)).toBe("<1h");
    expect(ttlBucket(HOUR - 1)).toBe("<1h");
    expect(ttlBucket(HOUR)).toBe("1h-24h");
    expect(ttlBucket(24 * HOUR)).toBe("1d-7d");
    expect(ttlBucket(7 * 24 * HOUR)).toBe(">7d");
  });

  test("1,000,000 samples in a few seconds with bounded heap", () => {
    const b = createReportBuilder({ delimiter: ":" });
    const uuid = (i: number) => `${i.toString(16).padStart(8, "0")}-e29b-41d4-a716-446655440000`;
    // Words that are not ids (letters only) at depth 2: 1M distinct namespaces unless pruned.
    const word = (i: number) =>
      i.toString(36).replace(/[0-9]/g, (d) => "ghijklmnop"[Number(d)] as string);
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let peak = 0;
    let addMs = 0;
    // Samples are made in batches outside the timing, so the figure is add()'s own cost.
    for (let batch = 0; batch < 100; batch++) {
      const samples = Array.from({ length: 10_000 }, (_, j) => {
        const i = batch * 10_000 + j;
        const key = i % 2 === 0 ? `session:${uuid(i)}` : `tag:${word(i)}:x`;
        return sample(key, { memoryBytes: 80 + (i % 7), ttlMs: i % 3 === 0 ? -1 : 60_000 });
      });
      const t = performance.now();
      for (const s of samples) b.add(s);
      addMs += performance.now() - t;
      if (batch % 10 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - heapBefore);
    }
    const r = b.finish(meta({ keysRead: 1_000_000, dbsize: 1_000_000 }));
    peak = Math.max(peak, process.memoryUsage().heapUsed - heapBefore);
    console.log(
      `1M samples: add ${addMs.toFixed(0)} ms, heap delta peak ${(peak / 2 ** 20).toFixed(1)} MiB`,
    );
    // ~1.5-2.5 s measured on this shared 2-core machine; the bound is loose so load can't flake it.
    expect(addMs).toBeLessThan(5_000);
    expect(peak).toBeLessThan(100 * 2 ** 20);
    expect(r.keys).toBe(1_000_000);
    expect(r.namespaces.length).toBeLessThanOrEqual(2000);
    const top = r.namespaces.filter((n) => n.depth === 1 && !n.other);
    expect(top.map((n) => [n.prefix.toString(), n.keys]).sort()).toEqual([
      ["session", 500_000],
      ["tag", 500_000],
    ]);
    // Depth-2 rows under tag plus its (other) row add up to tag exactly.
    const under = r.namespaces.filter((n) => n.depth === 2);
    expect(under.reduce((s, n) => s + n.keys, 0)).toBe(500_000);
    expect(under.some((n) => n.other)).toBe(true);
  });
});
