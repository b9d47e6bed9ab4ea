import { z } from "zod";
import { JOB_STATES } from "./bulk";
import { jsonBytes } from "./bytes";
import { TRANSFER_FORMATS } from "./transfer";

// POST …/db/{db}/import (docs/transfer.md, "Import"): a file made by the export (JSON lines, or
// the DUMP CSV of Another Redis Desktop Manager and Tiny RDM) is checked whole, then written
// by a background job whose view is below.

export const ON_CONFLICT = ["skip", "replace"] as const;
export type OnConflict = (typeof ON_CONFLICT)[number];

export const importQuery = z.strictObject({
  /** A key that exists already: left as it is (skip) or deleted and written anew (replace). */
  onConflict: z.enum(ON_CONFLICT).default("skip"),
  /** Default: from the first byte (`{` is jsonl, anything else dump-csv). */
  format: z.enum(TRANSFER_FORMATS).optional(),
});
export type ImportQuery = z.output<typeof importQuery>;

/** Failed keys named in the job's view; more are counted only. */
export const MAX_FAILED_NAMED = 100;

export const importFailure = z.object({ key: jsonBytes, error: z.string() });

export const importJobView = z.object({
  jobId: z.string(),
  kind: z.literal("import"),
  state: z.enum(JOB_STATES),
  conn: z.string(),
  db: z.number(),
  format: z.enum(TRANSFER_FORMATS),
  onConflict: z.enum(ON_CONFLICT),
  /** Keys in the file. */
  keys: z.number(),
  /** Keys written (a replaced key counts here). */
  imported: z.number(),
  /** Keys left alone because they existed (onConflict=skip). */
  skipped: z.number(),
  /** Keys Redis refused (a bad DUMP payload, a wrong type…): counted, the first 100 named. */
  failed: z.number(),
  failures: z.array(importFailure),
  /** Hash-field TTLs in the file that this server cannot hold (Redis < 7.4): the fields have none. */
  fieldTtlsDropped: z.number(),
  /** The file's size and how far the job has read it. */
  bytes: z.number(),
  bytesDone: z.number(),
  /** 0–1, by keys. */
  progress: z.number(),
  keysPerSec: z.number(),
  etaSeconds: z.number().nullable(),
  elapsedMs: z.number(),
  error: z.string().optional(),
});
export type ImportJobView = z.output<typeof importJobView>;
export type ImportJobViewJson = z.input<typeof importJobView>;
