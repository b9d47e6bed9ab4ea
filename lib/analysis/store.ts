import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { dataDir, writePrivateFileAtomic } from "@/lib/data-dir";
import { ApiError } from "@/lib/errors";
import { type Report, report, reportId } from "@/lib/schemas/analysis";

// Finished analyses, one JSON file each: <dataDir>/reports/<conn>/<id>.json (files 600, dirs 700,
// as everything in the data directory: reports name keys). The newest KEEP_PER_CONNECTION per
// connection are kept. Paths are made only of names this module checks: a report id must match
// the reportId schema, and a connection id becomes a directory name only when it is a plain
// name (anything else is hashed), so no request can point outside the reports directory.

/** Reports kept per connection; older ones are deleted when a new one is saved. */
export const KEEP_PER_CONNECTION = 20;

const PLAIN_NAME = /^[A-Za-z0-9_-]{1,64}$/;

function connectionDir(conn: string): string {
  const name = PLAIN_NAME.test(conn)
    ? conn
    : `h-${createHash("sha256").update(conn).digest("hex").slice(0, 32)}`;
  return join(dataDir(), "reports", name);
}

function reportPath(conn: string, id: string): string {
  const checked = reportId.safeParse(id);
  if (!checked.success) throw new ApiError("BAD_REQUEST", "Not a report id this server gave out.");
  return join(connectionDir(conn), `${checked.data}.json`);
}

/**
 * A new report id: the time in base 36 (fixed width until 2059, so names sort by age) and a
 * random tail. It matches the reportId schema.
 */
export function newReportId(now = Date.now()): string {
  return `${now.toString(36).padStart(9, "0")}-${randomBytes(4).toString("hex")}`;
}

/** Saves a finished report (its JSON form) and deletes the oldest beyond KEEP_PER_CONNECTION. */
export async function saveReport(conn: string, value: Report): Promise<void> {
  const json = JSON.stringify(z.encode(report, value));
  await writePrivateFileAtomic(reportPath(conn, value.id), json);
  const ids = await reportIds(conn);
  for (const old of ids.slice(KEEP_PER_CONNECTION))
    await rm(reportPath(conn, old), { force: true });
}

/** The connection's report ids, newest first. */
async function reportIds(conn: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(connectionDir(conn));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  return names
    .filter((n) => n.endsWith(".json"))
    .map((n) => n.slice(0, -".json".length))
    .filter((id) => reportId.safeParse(id).success)
    .sort()
    .reverse();
}

/** One report, or 404. */
export async function readReport(conn: string, id: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(reportPath(conn, id), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT")
      throw new ApiError("NOT_FOUND", `No report "${id}" for this connection.`);
    throw e;
  }
  return z.decode(report, JSON.parse(text));
}

/** The connection's reports, newest first, as summaries. */
export async function listReports(conn: string) {
  const out = [];
  for (const id of await reportIds(conn)) {
    try {
      const r = await readReport(conn, id);
      out.push({
        id: r.id,
        db: r.db,
        mode: r.mode,
        createdAt: r.createdAt,
        keys: r.keys,
        memoryBytes: r.memoryBytes,
        ...(r.estimated !== undefined && { estimated: r.estimated }),
      });
    } catch (e) {
      // A file cut short or off the schema (an older version) is skipped, not fatal to the list.
      if (e instanceof ApiError && e.code === "NOT_FOUND") continue;
      console.warn(`[keyscope] report ${id}: unreadable: ${(e as Error).message}`);
    }
  }
  return out;
}

/** Deletes one report; 404 when there is none. */
export async function deleteReport(conn: string, id: string): Promise<void> {
  const path = reportPath(conn, id);
  await readReport(conn, id); // 404 when missing
  await rm(path, { force: true });
}
