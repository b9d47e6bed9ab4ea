import "server-only";
import { stat } from "node:fs/promises";
import { config } from "@/lib/config";
import { appendPrivate, rotateFiles } from "@/lib/data-dir";
import { processState } from "@/lib/process-state";
import type { AuditEntry } from "./entry";

// The audit log's files: one JSON line per entry appended to KEYSCOPE_AUDIT_LOG (default
// audit.log in the data directory), rotated by size to audit.log.1 … audit.log.N, so the log
// takes a bounded amount of disk and a flood pushes out old entries slowly, never fills the disk.

/** A file is rotated before it would grow past this. */
export const AUDIT_FILE_MAX_BYTES = 8 * 1024 * 1024;
/** Rotated files kept beside the current one: at most (1 + N) × 8 MiB of log in all. */
export const AUDIT_KEEP_FILES = 4;

/** KEYSCOPE_AUDIT_LOG, or audit.log in the data directory. */
export function auditPath(): string {
  return config().auditLog;
}

/** The current file first, then the rotated ones from newest to oldest. */
export function auditFiles(): string[] {
  const path = auditPath();
  return [path, ...Array.from({ length: AUDIT_KEEP_FILES }, (_, i) => `${path}.${i + 1}`)];
}

// One write at a time: a size check and a rotation must not interleave with another append
// (two rotations at once would shift a file twice). Shared process-wide (lib/process-state.ts).
const queue = processState("auditQueue", () => ({ tail: Promise.resolve() }));

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

async function write(line: string): Promise<void> {
  const path = auditPath();
  try {
    const size = await sizeOf(path);
    if (size > 0 && size + Buffer.byteLength(line) > AUDIT_FILE_MAX_BYTES)
      await rotateFiles(path, AUDIT_KEEP_FILES);
    await appendPrivate(path, line);
  } catch (e) {
    // An unwritable log must not take the dashboard down; say so where operators look.
    console.error(`[keyscope] cannot write the audit log ${path}: ${(e as Error).message}`);
  }
}

/** Appends one entry; resolves once it is in the file (or could not be written, and said so). */
export function appendAudit(entry: AuditEntry): Promise<void> {
  const line = `${JSON.stringify(entry)}\n`;
  const done = queue.tail.then(() => write(line));
  queue.tail = done;
  return done;
}
