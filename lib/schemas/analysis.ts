import { z } from "zod";
import { jsonBytes } from "./bytes";

// Memory analysis (docs/analysis.md; API.md "Memory analysis"): a job per connection/db that
// reads every key (full) or a uniform sample (sample) and keeps a report in the data directory.
// Shared by the server (lib/redis/analysis*, lib/analysis/*) and the page (components/analysis).

export const ANALYSIS_MODES = ["full", "sample"] as const;
export type AnalysisMode = (typeof ANALYSIS_MODES)[number];

/** TTL buckets, as API.md names them. */
export const TTL_BUCKETS = ["none", "<1h", "1h-24h", "1d-7d", ">7d"] as const;
export type TtlBucket = (typeof TTL_BUCKETS)[number];

/** Namespaces kept in a report (the biggest by memory, every level counted); more are summed in "(other)". */
export const MAX_NAMESPACES = 2000;
/** Segments deep the namespace tree goes (a key `a:b:c:d:e` counts at a, a:b, a:b:c, a:b:c:d). */
export const MAX_NAMESPACE_DEPTH = 4;
/** Keys in each top list (by memory, by length). */
export const TOP_KEYS = 100;

export const analysisBody = z.strictObject({
  mode: z.enum(ANALYSIS_MODES).default("full"),
  /** Keys read in sample mode (RANDOMKEY), then extrapolated to DBSIZE. */
  sampleSize: z.number().int().min(100).max(1_000_000).default(10_000),
  /** One or more single-character delimiters for namespaces (e.g. ":" or ":/."), default ":". */
  delimiter: z
    .string()
    .min(1)
    .max(8)
    .refine((d) => new Set(d).size === d.length, "delimiter characters must differ")
    .default(":"),
  /** MEMORY USAGE SAMPLES (0 = exact, every element; default 5 as redis-cli --memkeys). */
  memorySamples: z.number().int().min(0).max(1000).default(5),
});
export type AnalysisBody = z.output<typeof analysisBody>;

export const reportId = z
  .string()
  .regex(/^[0-9a-z-]{1,64}$/, "a report id is what the server gave out");
export const reportParams = z.object({ conn: z.string(), id: reportId });

const typeTotals = z.object({ type: z.string(), keys: z.number(), memoryBytes: z.number() });

export const namespaceRow = z.object({
  /** Without its trailing delimiter ("b:x"); "" is the keys with no delimiter at depth 1. */
  prefix: jsonBytes,
  depth: z.number(),
  keys: z.number(),
  memoryBytes: z.number(),
  noTtlKeys: z.number(),
  /** Share of the whole report's memory, 0–1. */
  share: z.number(),
  /**
   * An "(other)" row: what its parent (prefix without the trailing `<delimiter>(other)`, depth - 1)
   * holds in children not listed (left off the report, or folded in to bound memory).
   */
  other: z.boolean().optional(),
});

export const topKey = z.object({
  key: jsonBytes,
  type: z.string(),
  memoryBytes: z.number().nullable(),
  length: z.number().nullable(),
  /** Seconds; -1 none. */
  ttl: z.number(),
  encoding: z.string().nullable(),
});

export const ttlBucketRow = z.object({
  bucket: z.enum(TTL_BUCKETS),
  keys: z.number(),
  memoryBytes: z.number(),
});

export const encodingRow = z.object({
  type: z.string(),
  encoding: z.string(),
  keys: z.number(),
  memoryBytes: z.number(),
});

export const recommendation = z.object({
  id: z.string(),
  severity: z.enum(["info", "warning", "critical"]),
  title: z.string(),
  /** What the report found that makes it say so (figures, key names). */
  evidence: z.string(),
  keys: z.array(jsonBytes).optional(),
});

export const reportSummary = z.object({
  id: reportId,
  db: z.number(),
  mode: z.enum(ANALYSIS_MODES),
  /** Unix seconds. */
  createdAt: z.number(),
  keys: z.number(),
  memoryBytes: z.number(),
  estimated: z.boolean().optional(),
});

export const report = reportSummary.extend({
  delimiter: z.string(),
  memorySamples: z.number(),
  /** Keys actually read (the sample's size in sample mode). */
  keysRead: z.number(),
  /** DBSIZE when the analysis started. */
  dbsize: z.number(),
  durationMs: z.number(),
  /** Sample mode: the relative standard error of the memory total (0.02 = ±2 %). */
  uncertainty: z.number().optional(),
  byType: z.array(typeTotals),
  namespaces: z.array(namespaceRow),
  topKeys: z.array(topKey),
  topKeysByLength: z.array(topKey),
  ttlBuckets: z.array(ttlBucketRow),
  encodings: z.array(encodingRow),
  recommendations: z.array(recommendation),
  /** Keys MEMORY USAGE could not size (refused, or the key went away mid-run). */
  unsized: z.number(),
});
export type Report = z.output<typeof report>;
export type ReportJson = z.input<typeof report>;

export const reportList = z.object({ reports: z.array(reportSummary) });

export const reportQuery = z.object({ format: z.enum(["json", "csv"]).default("json") });

export const compareQuery = z.object({ with: reportId });
const delta = z.object({
  prefix: jsonBytes,
  depth: z.number(),
  keysBefore: z.number(),
  keysAfter: z.number(),
  memoryBefore: z.number(),
  memoryAfter: z.number(),
});
export const comparison = z.object({
  before: reportSummary,
  after: reportSummary,
  byType: z.array(
    z.object({
      type: z.string(),
      keysBefore: z.number(),
      keysAfter: z.number(),
      memoryBefore: z.number(),
      memoryAfter: z.number(),
    }),
  ),
  /** Namespaces that changed most (grew or shrank), biggest change first. */
  namespaces: z.array(delta),
});
export type Comparison = z.output<typeof comparison>;

/** What the collector reads of one key (lib/redis/analysis.ts) and the report builder takes. */
export type KeySample = {
  key: Buffer;
  type: string;
  encoding: string | null;
  /** MEMORY USAGE; null when it could not be read. */
  memoryBytes: number | null;
  /** Elements (STRLEN for strings); null for types without a length. */
  length: number | null;
  /** PTTL in ms; -1 for no TTL. */
  ttlMs: number;
};

/** GET /api/jobs/{jobId} for an analysis job (the bulk job view's sibling; `kind` tells them apart). */
export const analysisJobView = z.object({
  jobId: z.string(),
  kind: z.literal("analysis"),
  state: z.enum(["running", "done", "failed", "cancelled"]),
  conn: z.string(),
  db: z.number(),
  mode: z.enum(ANALYSIS_MODES),
  /** 0–1. */
  progress: z.number(),
  keysPerSec: z.number(),
  etaSeconds: z.number().nullable(),
  elapsedMs: z.number(),
  /** Keys read so far (full: SCAN's keys; sample: RANDOMKEY's). */
  scanned: z.number(),
  /** DBSIZE when the analysis started. */
  dbsize: z.number(),
  /** Keys per script call now (the pacing adapts it to the latency budget). */
  batchSize: z.number(),
  /** The longest batch so far, ms (what another client's command may have waited at most). */
  longestBatchMs: z.number(),
  /** Set once the job is done: GET /api/connections/{conn}/analysis/{reportId}. */
  reportId: reportId.optional(),
  error: z.string().optional(),
});
export type AnalysisJobView = z.output<typeof analysisJobView>;
