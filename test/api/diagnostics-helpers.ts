import { readFileSync } from "node:fs";
import { join } from "node:path";

// Shared by the slowlog, clients and latency tests.

/** The audit log's last line, parsed (the harness points KEYSCOPE_DATA_DIR at a temp dir). */
export function lastAudit(): any {
  const file = join(process.env.KEYSCOPE_DATA_DIR as string, "audit.log");
  const lines = readFileSync(file, "utf8").trim().split("\n");
  return JSON.parse(lines.at(-1) ?? "null");
}

/** A JSON byte string (string or {"b64"}) back to bytes. */
export function bytesOf(v: string | { b64: string }): Buffer {
  return typeof v === "string" ? Buffer.from(v, "utf8") : Buffer.from(v.b64, "base64");
}
