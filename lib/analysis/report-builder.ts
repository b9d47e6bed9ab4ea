import {
  type KeySample,
  MAX_NAMESPACES,
  type Report,
  TOP_KEYS,
  type TtlBucket,
} from "@/lib/schemas/analysis";
import { NamespaceTree } from "./namespaces";
import { type Findings, recommend, type ServerFacts, watchKey } from "./recommendations";
import { TopN, topKeyOf } from "./top-keys";

// The pure report builder (docs/analysis.md): the collector feeds it one KeySample per key read
// and asks for the Report at the end. Memory is bounded whatever the number of keys: fixed-size
// heaps for the top lists, per-type/encoding/TTL counters, and a pruned namespace tree.

export type { ServerFacts } from "./recommendations";

export type ReportMeta = {
  id: string;
  db: number;
  mode: "full" | "sample";
  createdAt: number;
  delimiter: string;
  memorySamples: number;
  keysRead: number;
  dbsize: number;
  durationMs: number;
  /** dbsize / keysRead in sample mode (counts and memory are multiplied by it), 1 in full mode. */
  scale: number;
  server: ServerFacts;
};

export interface ReportBuilder {
  add(sample: KeySample): void;
  finish(meta: ReportMeta): Report;
}

type TopKey = Report["topKeys"][number];
type Totals = { keys: number; memoryBytes: number };

const HOUR_MS = 3_600_000;

export function ttlBucket(ttlMs: number): TtlBucket {
  if (ttlMs < 0) return "none";
  if (ttlMs < HOUR_MS) return "<1h";
  if (ttlMs < 24 * HOUR_MS) return "1h-24h";
  if (ttlMs < 7 * 24 * HOUR_MS) return "1d-7d";
  return ">7d";
}

/** Strings shorter than this are "small" (RedisInsight's combineSmallStringsToHashes: < 200 B). */
export const SMALL_STRING_BYTES = 200;

export function createReportBuilder(opts: { delimiter: string }): ReportBuilder {
  const tree = new NamespaceTree(opts.delimiter);
  const byType = new Map<string, Totals>();
  /** type → encoding → totals (two lookups beat building a "type/encoding" string per key). */
  const byEncoding = new Map<string, Map<string, Totals>>();
  const byTtl = new Map<TtlBucket, Totals>();
  const topByMemory = new TopN<TopKey>(TOP_KEYS);
  const topByLength = new TopN<TopKey>(TOP_KEYS);
  const findings: Findings = { big: new Map(), loose: new Map(), keysWithTtl: 0 };
  let read = 0;
  let unsized = 0;
  // Welford's running mean and variance of per-key memory, for sample mode's standard error.
  let mean = 0;
  let m2 = 0;

  return {
    add(s) {
      read++;
      const memory = s.memoryBytes ?? 0;
      if (s.memoryBytes === null) unsized++;
      const delta = memory - mean;
      mean += delta / read;
      m2 += delta * (memory - mean);

      count(byType, s.type, memory);
      let encodings = byEncoding.get(s.type);
      if (encodings === undefined) {
        encodings = new Map();
        byEncoding.set(s.type, encodings);
      }
      count(encodings, s.encoding ?? "unknown", memory);
      count(byTtl, ttlBucket(s.ttlMs), memory);
      if (s.ttlMs >= 0) findings.keysWithTtl++;

      const smallString = s.type === "string" && s.length !== null && s.length < SMALL_STRING_BYTES;
      tree.add(s.key, memory, s.ttlMs < 0, smallString);

      // Top-list objects are made only for keys that make a list: a million small keys cost nothing.
      if (s.memoryBytes !== null) topByMemory.offerLazy(s.memoryBytes, s, topKeyOf);
      if (s.length !== null) topByLength.offerLazy(s.length, s, topKeyOf);
      watchKey(findings, s);
    },

    finish(meta) {
      const scale = meta.mode === "sample" && meta.scale > 0 ? meta.scale : 1;
      const up = (n: number) => Math.round(n * scale);
      const memoryTotal = up(sumOf(byType));
      const keysTotal = up(read);
      const share = (m: number) => (memoryTotal > 0 ? m / memoryTotal : 0);
      const namespaces = tree.rows(MAX_NAMESPACES).map((r) => ({
        prefix: r.prefix,
        depth: r.depth,
        keys: up(r.keys),
        memoryBytes: up(r.memoryBytes),
        noTtlKeys: up(r.noTtlKeys),
        share: share(up(r.memoryBytes)),
        ...(r.other ? { other: true } : {}),
        smallStrings: up(r.smallStrings),
      }));
      const report: Report = {
        id: meta.id,
        db: meta.db,
        mode: meta.mode,
        createdAt: meta.createdAt,
        keys: keysTotal,
        memoryBytes: memoryTotal,
        ...(meta.mode === "sample"
          ? { estimated: true, uncertainty: relativeStandardError(read, mean, m2) }
          : {}),
        delimiter: meta.delimiter,
        memorySamples: meta.memorySamples,
        keysRead: meta.keysRead,
        dbsize: meta.dbsize,
        durationMs: meta.durationMs,
        byType: [...byType]
          .map(([type, t]) => ({ type, keys: up(t.keys), memoryBytes: up(t.memoryBytes) }))
          .sort((a, b) => b.memoryBytes - a.memoryBytes || b.keys - a.keys),
        namespaces: namespaces.map(({ smallStrings: _, ...row }) => row),
        topKeys: topByMemory.sorted(),
        topKeysByLength: topByLength.sorted(),
        ttlBuckets: (["none", "<1h", "1h-24h", "1d-7d", ">7d"] as const).map((bucket) => {
          const t = byTtl.get(bucket);
          return { bucket, keys: up(t?.keys ?? 0), memoryBytes: up(t?.memoryBytes ?? 0) };
        }),
        encodings: [...byEncoding]
          .flatMap(([type, m]) =>
            [...m].map(([encoding, e]) => ({
              type,
              encoding,
              keys: up(e.keys),
              memoryBytes: up(e.memoryBytes),
            })),
          )
          .sort((a, b) => b.memoryBytes - a.memoryBytes || b.keys - a.keys),
        recommendations: [],
        unsized,
      };
      report.recommendations = recommend({
        findings,
        namespaces,
        keys: keysTotal,
        keysWithTtl: up(findings.keysWithTtl),
        memoryBytes: memoryTotal,
        scale,
        server: meta.server,
      });
      return report;
    },
  };
}

/**
 * The relative standard error of the extrapolated memory total (dbsize × the sample's mean):
 * sqrt(s²/n) / mean, with s² the sample variance. The finite-population correction is left out,
 * so the figure errs on the safe (wider) side; 0 for fewer than two keys or no memory.
 */
export function relativeStandardError(n: number, mean: number, m2: number): number {
  if (n < 2 || mean <= 0) return 0;
  const variance = m2 / (n - 1);
  return Math.sqrt(variance / n) / mean;
}

/** Adds one key to map[key], without a closure per call (this runs for every key read). */
function count<K>(map: Map<K, Totals>, key: K, memory: number): void {
  const t = map.get(key);
  if (t === undefined) map.set(key, { keys: 1, memoryBytes: memory });
  else {
    t.keys++;
    t.memoryBytes += memory;
  }
}

function sumOf(map: Map<string, Totals>): number {
  let total = 0;
  for (const t of map.values()) total += t.memoryBytes;
  return total;
}
