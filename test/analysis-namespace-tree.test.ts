import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  childrenOf,
  delimiterKeys,
  prefixLabel,
  segmentLabel,
} from "@/components/analysis/namespace-tree";
import { createReportBuilder } from "@/lib/analysis/report-builder";
import { type KeySample, report } from "@/lib/schemas/analysis";

// The treemap's drill-down over a report the real builder made from made-up samples: the
// children of a prefix are exactly the rows one level down that start with it and a delimiter,
// byte for byte (a non-UTF-8 prefix included), and they never outweigh their parent.

function sample(key: Buffer | string, memoryBytes: number, ttlMs = -1): KeySample {
  return {
    key: typeof key === "string" ? Buffer.from(key) : key,
    type: "string",
    encoding: "embstr",
    memoryBytes,
    length: 3,
    ttlMs,
  };
}

function build(delimiter: string, samples: KeySample[]) {
  const b = createReportBuilder({ delimiter });
  for (const s of samples) b.add(s);
  const r = b.finish({
    id: "t",
    db: 0,
    mode: "full",
    createdAt: 0,
    delimiter,
    memorySamples: 5,
    keysRead: samples.length,
    dbsize: samples.length,
    durationMs: 1,
    scale: 1,
    server: {
      maxmemoryBytes: 0,
      maxmemoryPolicy: "",
      usedMemoryBytes: 0,
      databasesWithKeys: 1,
      thresholds: {},
    },
  });
  return z.encode(report, r);
}

const BIN = Buffer.from([0xff, 0x00, 0xfe]);

describe("namespace tree of a built report", () => {
  const samples = [
    sample("app:cache:a", 100),
    sample("app:cache:b", 100),
    sample("app:session:x", 50, 60_000),
    sample("app/other:y", 10),
    sample("loose", 5),
    sample(Buffer.concat([BIN, Buffer.from(":k1")]), 70),
    sample(Buffer.concat([BIN, Buffer.from(":sub:k2")]), 30),
  ];
  const r = build(":", samples);
  const d = delimiterKeys(r.delimiter);

  it("top level: the first segments, biggest first, adding up to the total", () => {
    const top = childrenOf(r.namespaces, null, d);
    expect(top.map(prefixLabel)).toEqual(["app", "\\xff\\x00\\xfe", "app/other", "(no namespace)"]);
    expect(top.reduce((s, t) => s + t.memoryBytes, 0)).toBe(r.memoryBytes);
  });

  it("drills into a prefix by bytes, children never outweigh the parent", () => {
    const top = childrenOf(r.namespaces, null, d);
    const app = top.find((t) => prefixLabel(t) === "app");
    expect(app?.memoryBytes).toBe(250);
    const kids = childrenOf(r.namespaces, app ?? null, d);
    expect(kids.map((k) => segmentLabel(k, app ?? null))).toEqual(["cache", "session"]);
    expect(kids.map((k) => k.noTtlKeys)).toEqual([2, 0]);
    const bin = top.find((t) => prefixLabel(t) === "\\xff\\x00\\xfe");
    expect(bin?.memoryBytes).toBe(100);
    const binKids = childrenOf(r.namespaces, bin ?? null, d);
    expect(binKids.map(prefixLabel)).toEqual(["\\xff\\x00\\xfe:sub"]);
    expect(binKids[0]?.memoryBytes).toBe(30);
  });

  it("takes every delimiter character", () => {
    const r2 = build(":/", samples);
    const top = childrenOf(r2.namespaces, null, delimiterKeys(r2.delimiter));
    const app = top.find((t) => prefixLabel(t) === "app");
    expect(app?.memoryBytes).toBe(260);
    const kids = childrenOf(r2.namespaces, app ?? null, delimiterKeys(r2.delimiter));
    expect(kids.map(prefixLabel).sort()).toEqual(["app/other", "app:cache", "app:session"]);
  });
});
