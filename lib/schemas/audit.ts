import { z } from "zod";
import { jsonBytesWire } from "./bytes";

// GET /api/audit: one page of the audit log, newest first, and the refusals before login that
// were counted instead of written (lib/audit).

/** Matches lib/audit/read.ts's cursors: "<inode>.<offset>". */
const CURSOR = /^\d{1,24}\.\d{1,16}$/;

export const auditQuery = z.strictObject({
  limit: z
    .string()
    .regex(/^\d{1,4}$/, "limit must be a whole number up to 9999")
    .transform(Number)
    .optional(),
  q: z.string().max(200).optional(),
  conn: z.string().max(64).optional(),
  before: z
    .string()
    .regex(CURSOR, "before must be the `next` cursor of an earlier answer")
    .optional(),
});

export const auditEntry = z.object({
  time: z.string(),
  client: z.string(),
  conn: z.string().nullable(),
  db: z.number().nullable(),
  action: z.string(),
  // The log stores keys in their JSON form already; they are shown, never sent to Redis.
  keys: z.array(jsonBytesWire).optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
  result: z.object({ status: z.number(), code: z.string().optional() }),
  /** Fields cut to keep the entry small: where, and their full length (bytes; text: characters). */
  cut: z.array(z.object({ field: z.string(), length: z.number() })).optional(),
});
export type AuditEntryJson = z.infer<typeof auditEntry>;

export const refusalCounts = z.object({
  /** When counting started (the server's start). */
  since: z.string(),
  total: z.number(),
  /** host: not this server's name; unauthenticated: no valid session or token; login: failed logins. */
  byReason: z.object({ host: z.number(), unauthenticated: z.number(), login: z.number() }),
});

export const auditList = z.object({
  entries: z.array(auditEntry),
  /** True when older entries were not read; ask again with `before=<next>`. */
  truncated: z.boolean(),
  next: z.string().nullable(),
  searchedBytes: z.number(),
  refused: refusalCounts,
});
export type AuditListJson = z.infer<typeof auditList>;
