import { displayBytes } from "@/lib/bytes";
import type { KeySample, Report } from "@/lib/schemas/analysis";
import { upsert } from "./maps";
import { TopN, topKeyOf } from "./top-keys";

// Recommendations (docs/analysis.md, "Recommendations"): each one cites the figures and the key
// names that make it fire. Thresholds follow RedisInsight's (research C.1 item 5,
// redisinsight/api/src/common/constants/recommendations.ts) where it has one.

export type ServerFacts = {
  /** CONFIG GET maxmemory (0 = none). */
  maxmemoryBytes: number;
  /** CONFIG GET maxmemory-policy ("" if unknown). */
  maxmemoryPolicy: string;
  /** INFO memory used_memory. */
  usedMemoryBytes: number;
  /** INFO keyspace: how many dbs hold keys. */
  databasesWithKeys: number;
  /** CONFIG GET *-max-listpack-* / *-max-intset-* / *-max-ziplist-* (whatever the server reports). */
  thresholds: Record<string, number>;
};

type Recommendation = Report["recommendations"][number];
type TopKey = Report["topKeys"][number];

/** A key is big past these (elements; bytes for strings). */
export const BIG_KEY = {
  /** RedisInsight bigStrings: > 100 KB. */
  string: 100 * 1024,
  /** RedisInsight bigHashes: > 5,000 fields (and the hash is worth splitting). */
  hash: 5_000,
  /** RedisInsight bigSets: > 1,000 members. */
  set: 1_000,
  /** RedisInsight has none for sorted sets; the same as hashes. */
  zset: 5_000,
  /** RedisInsight compressionForList: > 1,000 elements. */
  list: 1_000,
  stream: 100_000,
} as const satisfies Record<string, number>;

/** Any one key this big (MEMORY USAGE) makes its recommendation critical: it blocks Redis to move or delete. */
export const CRITICAL_KEY_BYTES = 10 * 1024 * 1024;
/** A namespace holding more of the memory than this, with most keys lacking a TTL. */
export const NO_TTL_NAMESPACE_SHARE = 0.2;
/** used_memory / maxmemory past this with noeviction: writes are about to fail. */
export const NEAR_MAXMEMORY = 0.9;
/** Small strings under one prefix worth turning into hash fields (RedisInsight says ≥ 10; fewer is noise). */
export const SMALL_STRINGS_MIN = 1_000;

const EXAMPLES = 10;

/** The encodings a collection takes past its compact-encoding thresholds, with the settings. */
const LOOSE_ENCODING: Record<string, { encoding: string; settings: string[] }> = {
  hash: {
    encoding: "hashtable",
    settings: ["hash-max-listpack-entries", "hash-max-ziplist-entries"],
  },
  set: {
    encoding: "hashtable",
    settings: ["set-max-listpack-entries", "set-max-intset-entries"],
  },
  zset: {
    encoding: "skiplist",
    settings: ["zset-max-listpack-entries", "zset-max-ziplist-entries"],
  },
};

type Watch = { count: number; examples: TopN<TopKey> };

/** What the builder gathers per key for these rules (bounded: counters and small heaps). */
export type Findings = {
  big: Map<string, Watch & { criticalCount: number }>;
  /** Per type: keys in the loose (non-compact) encoding, with the smallest of them as examples. */
  loose: Map<string, Watch>;
  keysWithTtl: number;
};

export function watchKey(f: Findings, s: KeySample): void {
  const limit = (BIG_KEY as Record<string, number>)[s.type];
  if (limit !== undefined && s.length !== null && s.length > limit) {
    const w = upsert(f.big, s.type, () => ({
      count: 0,
      criticalCount: 0,
      examples: new TopN<TopKey>(EXAMPLES),
    }));
    w.count++;
    if ((s.memoryBytes ?? 0) > CRITICAL_KEY_BYTES) w.criticalCount++;
    w.examples.offerLazy(s.memoryBytes ?? s.length, s, topKeyOf);
  }
  const loose = LOOSE_ENCODING[s.type];
  if (loose && s.encoding === loose.encoding) {
    const w = upsert(f.loose, s.type, () => ({ count: 0, examples: new TopN<TopKey>(EXAMPLES) }));
    w.count++;
    // The smallest loose collections are the ones a slightly higher threshold would keep compact.
    w.examples.offerLazy(-(s.length ?? 0), s, topKeyOf);
  }
}

export type RecommendInput = {
  findings: Findings;
  /** Namespace rows (already scaled), with their small-string counts. */
  namespaces: (Report["namespaces"][number] & { smallStrings: number })[];
  keys: number;
  keysWithTtl: number;
  memoryBytes: number;
  scale: number;
  server: ServerFacts;
};

export function recommend(input: RecommendInput): Recommendation[] {
  const out: Recommendation[] = [
    ...bigKeys(input),
    ...noTtlNamespaces(input),
    ...nearMaxmemory(input),
    ...multipleDatabases(input),
    ...looseEncodings(input),
    ...smallStringsToHashes(input),
  ];
  const rank = { critical: 0, warning: 1, info: 2 } as const;
  return out.sort((a, b) => rank[a.severity] - rank[b.severity]);
}

function bigKeys({ findings, scale }: RecommendInput): Recommendation[] {
  const out: Recommendation[] = [];
  for (const [type, w] of findings.big) {
    const limit = (BIG_KEY as Record<string, number>)[type] as number;
    const examples = w.examples.sorted();
    const unit = type === "string" ? "bytes" : "elements";
    const split =
      type === "hash"
        ? " Split it into hashes of a few hundred fields (e.g. by id / 1000) so each stays a compact listpack."
        : "";
    out.push({
      id: type === "hash" ? "split-big-hashes" : `big-${type}s`,
      severity: w.criticalCount > 0 ? "critical" : "warning",
      title: `${fmt(w.count * scale)} ${type} key${w.count * scale === 1 ? "" : "s"} over ${fmt(limit)} ${unit}`,
      evidence:
        `${estimate(scale)}${fmt(w.count * scale)} ${type} keys hold more than ${fmt(limit)} ${unit}` +
        (w.criticalCount > 0
          ? `; ${fmt(w.criticalCount * scale)} of them take over ${mib(CRITICAL_KEY_BYTES)} each`
          : "") +
        `. Biggest: ${examples.map(describeKey).join(", ")}. Reading, moving or deleting a big key blocks Redis for its whole size (use UNLINK, and SCAN-family reads).${split}`,
      keys: examples.map((k) => k.key),
    });
  }
  return out;
}

function noTtlNamespaces({
  namespaces,
  keys,
  keysWithTtl,
  server,
}: RecommendInput): Recommendation[] {
  const cachePolicy = server.maxmemoryPolicy.startsWith("allkeys-");
  const looksLikeCache = keys > 0 && keysWithTtl / keys >= 0.5;
  if (!cachePolicy && !looksLikeCache) return [];
  const firing = namespaces.filter(
    (r) =>
      !("other" in r && r.other) &&
      r.share > NO_TTL_NAMESPACE_SHARE &&
      r.keys > 0 &&
      r.noTtlKeys / r.keys > 0.5,
  );
  // The shallowest row says it; its sub-namespaces would repeat it.
  const shallow = firing.filter(
    (r) => !firing.some((a) => a !== r && a.depth < r.depth && startsWith(r.prefix, a.prefix)),
  );
  const why = cachePolicy
    ? `maxmemory-policy is ${server.maxmemoryPolicy}, so this data is a cache`
    : `${pct(keysWithTtl / keys)} of all keys have a TTL, so this data looks like a cache`;
  return shallow.map((r) => ({
    id: "no-ttl-namespace",
    severity: "warning",
    title: `${label(r.prefix)} holds ${pct(r.share)} of memory, mostly without a TTL`,
    evidence: `${label(r.prefix)} (depth ${r.depth}): ${fmt(r.keys)} keys, ${mib(r.memoryBytes)} (${pct(r.share)} of memory); ${pct(r.noTtlKeys / r.keys)} of its keys (${fmt(r.noTtlKeys)}) have no TTL while ${why}. Keys without a TTL only leave by eviction: give them an expiry.`,
    keys: [r.prefix],
  }));
}

function nearMaxmemory({ server }: RecommendInput): Recommendation[] {
  if (server.maxmemoryBytes <= 0) return [];
  const used = server.usedMemoryBytes / server.maxmemoryBytes;
  if (used <= NEAR_MAXMEMORY || server.maxmemoryPolicy !== "noeviction") return [];
  return [
    {
      id: "near-maxmemory-noeviction",
      severity: "critical",
      title: `Memory ${pct(used)} full with maxmemory-policy noeviction`,
      evidence: `used_memory ${mib(server.usedMemoryBytes)} of maxmemory ${mib(server.maxmemoryBytes)} (${pct(used)}); with noeviction, writes fail with OOM once it is reached. Raise maxmemory, free memory, or choose an eviction policy.`,
    },
  ];
}

function multipleDatabases({ server }: RecommendInput): Recommendation[] {
  if (server.databasesWithKeys <= 1) return [];
  return [
    {
      id: "multiple-databases",
      severity: "info",
      title: `Keys in ${server.databasesWithKeys} databases`,
      evidence: `INFO keyspace lists keys in ${server.databasesWithKeys} logical databases. Redis Cluster has only db 0, and the databases share one server's memory and CPU: prefer separate instances or key prefixes (RedisInsight's avoidLogicalDatabases).`,
    },
  ];
}

function looseEncodings({ findings, scale, server }: RecommendInput): Recommendation[] {
  const out: Recommendation[] = [];
  for (const [type, w] of findings.loose) {
    const examples = w.examples.sorted();
    const settings = LOOSE_ENCODING[type]?.settings ?? [];
    const configured = settings
      .filter((s) => server.thresholds[s] !== undefined)
      .map((s) => `${s} ${server.thresholds[s]}`);
    const encoding = LOOSE_ENCODING[type]?.encoding ?? "";
    out.push({
      id: `loose-encoding-${type}`,
      severity: "info",
      title: `${fmt(w.count * scale)} ${w.count * scale === 1 ? type : plural(type)} past the compact encoding (${encoding})`,
      evidence:
        `${estimate(scale)}${fmt(w.count * scale)} ${type} keys are encoded as ${encoding}` +
        ` (${configured.length > 0 ? configured.join(", ") : "thresholds unknown"}). Smallest: ${examples.map(describeKey).join(", ")}. ` +
        `A compact encoding takes several times less memory; if these are just past the threshold (or hold one long value), raising it keeps them compact at some CPU cost per access.`,
      keys: examples.map((k) => k.key),
    });
  }
  return out;
}

function smallStringsToHashes({ namespaces, server }: RecommendInput): Recommendation[] {
  const candidates = namespaces
    .filter(
      (r) =>
        !("other" in r && r.other) &&
        r.prefix.length > 0 &&
        r.smallStrings >= SMALL_STRINGS_MIN &&
        r.smallStrings / r.keys >= 0.8,
    )
    .sort((a, b) => b.smallStrings - a.smallStrings);
  const chosen: typeof candidates = [];
  for (const r of candidates) {
    if (chosen.length >= 5) break;
    if (chosen.some((c) => startsWith(r.prefix, c.prefix) || startsWith(c.prefix, r.prefix)))
      continue;
    chosen.push(r);
  }
  const entries =
    server.thresholds["hash-max-listpack-entries"] ??
    server.thresholds["hash-max-ziplist-entries"] ??
    128;
  return chosen.map((r) => ({
    id: "small-strings-to-hash",
    severity: "info",
    title: `${fmt(r.smallStrings)} small strings under ${label(r.prefix)} could be hash fields`,
    evidence: `${label(r.prefix)}: ${fmt(r.smallStrings)} of its ${fmt(r.keys)} keys are strings under 200 bytes, ${fmt(Math.round(r.memoryBytes / r.keys))} bytes each on average including Redis's per-key overhead. Stored as fields of hashes of up to ${entries} fields (hash-max-listpack-entries) they would share that overhead.`,
    keys: [r.prefix],
  }));
}

function plural(type: string): string {
  return type === "hash" ? "hashes" : `${type}s`;
}

function describeKey(k: TopKey): string {
  const size = k.memoryBytes !== null ? mib(k.memoryBytes) : "size unknown";
  return `${displayBytes(k.key)} (${k.length !== null ? `${fmt(k.length)} ${k.type === "string" ? "bytes" : "elements"}, ` : ""}${size})`;
}

function label(prefix: Buffer): string {
  return prefix.length === 0 ? "(no namespace)" : displayBytes(prefix);
}

function startsWith(b: Buffer, prefix: Buffer): boolean {
  return b.length >= prefix.length && b.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;
}

function estimate(scale: number): string {
  return scale > 1 ? "About " : "";
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

function pct(x: number): string {
  return `${(x * 100).toFixed(x < 0.1 ? 1 : 0)} %`;
}

function mib(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}
