import { z } from "zod";
import { JOB_STATES } from "./bulk";
import { jsonBytes } from "./bytes";
import { typeName } from "./keys";
import { checkJobMatch } from "./match";

// Export and import of keys (docs/transfer.md; the file format is /work/briefs/transfer-format.md,
// the contract between the exporter, lib/redis/export*.ts, and the importer). Each line of a
// "jsonl" file is one of the line schemas below; byte strings are in the API's JSON-bytes form.

export const TRANSFER_FORMATS = ["jsonl", "dump-csv"] as const;
export type TransferFormat = (typeof TRANSFER_FORMATS)[number];

export const FORMAT_NAME = "keyscope-export";
export const FORMAT_VERSION = 1;

export const TRANSFER_TYPES = ["string", "hash", "list", "set", "zset", "stream"] as const;
export type TransferType = (typeof TRANSFER_TYPES)[number];

/** A value is split into parts past these (a line then stays about this big). */
export const MAX_STRING_PART_BYTES = 1024 * 1024;
export const MAX_ITEMS_PER_LINE = 1000;
export const MAX_LINE_VALUE_BYTES = 1024 * 1024;
/** Pending entries kept per consumer group; more are dropped and counted in the footer. */
export const MAX_PENDING_PER_GROUP = 10_000;

// ── Lines ──

export const headerLine = z.strictObject({
  format: z.literal(FORMAT_NAME),
  version: z.literal(FORMAT_VERSION),
  /** ms since the epoch. */
  createdAt: z.number().int(),
  source: z.strictObject({
    connection: z.string(),
    db: z.number().int().min(0),
    redis: z.string(),
    match: z.string(),
    type: z.string().optional(),
  }),
});
export type HeaderLine = z.input<typeof headerLine>;

/** A stream entry id, "<ms>-<seq>". */
export const streamId = z.string().regex(/^\d{1,20}-\d{1,20}$/, "a stream id is <ms>-<seq>");
/** A zset score: a JSON number, or "inf" / "-inf". */
export const zsetScore = z.union([z.number(), z.enum(["inf", "-inf"])]);

export const hashEntry = z.union([
  z.tuple([jsonBytes, jsonBytes]),
  /** With the field's PTTL in ms (Redis ≥ 7.4 / Valkey ≥ 9 hash-field TTLs). */
  z.tuple([jsonBytes, jsonBytes, z.number().int().positive()]),
]);
export const streamEntry = z.tuple([streamId, z.array(z.tuple([jsonBytes, jsonBytes]))]);
export const streamGroup = z.strictObject({
  name: jsonBytes,
  lastDeliveredId: streamId,
  consumers: z.array(jsonBytes),
  /** [entry id, consumer, delivery count] */
  pending: z.array(z.tuple([streamId, jsonBytes, z.number().int().min(0)])),
});
export const streamValue = z.strictObject({
  entries: z.array(streamEntry),
  /** On the key's last line only. */
  lastId: streamId.optional(),
  groups: z.array(streamGroup).optional(),
});

/** A value by type: what a key line or a part line carries. */
export const valueByType = {
  string: jsonBytes,
  hash: z.array(hashEntry),
  list: z.array(jsonBytes),
  set: z.array(jsonBytes),
  zset: z.array(z.tuple([jsonBytes, zsetScore])),
  stream: streamValue,
} as const satisfies Record<TransferType, z.ZodType>;

/** A key's first line. `value` is checked against `valueByType[type]` (the importer does so). */
export const keyLine = z.strictObject({
  key: jsonBytes,
  type: z.enum(TRANSFER_TYPES),
  /** PTTL when it was read, ms; -1 for none. */
  pttl: z.number().int().min(-1),
  value: z.unknown(),
});
/** A continuation of the key before it (same key, no type, no pttl). */
export const partLine = z.strictObject({
  key: jsonBytes,
  part: z.number().int().min(1),
  value: z.unknown(),
});
export const footerLine = z.strictObject({
  end: z.literal(true),
  keys: z.number().int().min(0),
  lines: z.number().int().min(0),
  /** Hex sha256 of every byte of the file before this line. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  droppedPending: z.number().int().min(1).optional(),
});

// ── The export job ──

export const exportBody = z
  .strictObject({
    /** A glob, as SCAN MATCH takes it; a byte string, so a non-UTF-8 pattern goes as {"b64"}. */
    match: jsonBytes,
    type: typeName.optional(),
    format: z.enum(TRANSFER_FORMATS).default("jsonl"),
  })
  .superRefine((b, ctx) => {
    checkJobMatch(b.match, ctx);
  });
export type ExportBody = z.output<typeof exportBody>;

/** GET /api/jobs/{jobId} for an export job (`kind` tells it from the others). */
export const exportJobView = z.object({
  jobId: z.string(),
  kind: z.literal("export"),
  state: z.enum(JOB_STATES),
  conn: z.string(),
  db: z.number(),
  match: jsonBytes,
  type: z.string().nullable(),
  format: z.enum(TRANSFER_FORMATS),
  /** Keys SCAN walked past (estimated from the cursor, exact at the end). */
  scanned: z.number(),
  /** Keys written to the file. */
  exported: z.number(),
  /** Keys that matched but were gone (or of a type the format has no form for) when read. */
  skipped: z.number(),
  /** Bytes written so far. */
  bytes: z.number(),
  /** DBSIZE when the job started. */
  dbsize: z.number(),
  progress: z.number(),
  keysPerSec: z.number(),
  etaSeconds: z.number().nullable(),
  elapsedMs: z.number(),
  /** Whether hash-field TTLs were read (the server has them). */
  hashFieldTtl: z.boolean(),
  droppedPending: z.number(),
  error: z.string().optional(),
  /** When done: where the file is (GET, a normal download). */
  download: z.string().optional(),
});
export type ExportJobView = z.output<typeof exportJobView>;
export type ExportJobViewJson = z.input<typeof exportJobView>;
