import "server-only";

// The audit log (docs/security.md, "Audit log"): what one entry holds (entry.ts), the files and
// their rotation (log.ts), reading them back page by page (read.ts), and the refusals before
// login that are counted instead of written (refusals.ts).

export { type AuditEntry, bounded, type CutField, describeWrite, makeEntry } from "./entry";
export { AUDIT_FILE_MAX_BYTES, AUDIT_KEEP_FILES, appendAudit, auditFiles, auditPath } from "./log";
export { type AuditPage, READ_BUDGET_BYTES, readAudit } from "./read";
export {
  countRefusal,
  flushRefusalSummary,
  type RefusalReason,
  refusalBeforeLogin,
  refusalCounts,
} from "./refusals";
