import { z } from "zod";
import { jsonBytes } from "./bytes";

// LOCAL COPY of the line schemas of lib/schemas/transfer.ts (the export helper's file, the shared
// one): the import branch uses this until it merges `export`; then this file goes.

export const TRANSFER_FORMATS = ["jsonl", "dump-csv"] as const;
export type TransferFormat = (typeof TRANSFER_FORMATS)[number];

export const FORMAT_NAME = "keyscope-export";
export const FORMAT_VERSION = 1;

export const TRANSFER_TYPES = ["string", "hash", "list", "set", "zset", "stream"] as const;
export type TransferType = (typeof TRANSFER_TYPES)[number];

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
