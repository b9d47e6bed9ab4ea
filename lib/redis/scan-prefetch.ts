import "server-only";
import { processState } from "@/lib/process-state";
import type { ScanPage, ScanRequest } from "./scan";

// The next page of a walk, computed ahead while the current one is on its way to the client.
// Entries live for 10 s (a walk that stops leaves at most one page of wasted work) and there
// are at most 16 of them (one per walk in progress), so memory stays bounded. A prefetched
// page is at most that old: keys deleted meanwhile may still be listed, as with any SCAN.
const MAX_AGE_MS = 10_000;
const MAX_ENTRIES = 16;

type Entry = { at: number; page: Promise<ScanPage> };
const pages = processState("scanPrefetch", () => new Map<string, Entry>());

function id(connId: string, db: number, req: ScanRequest): string {
  return [
    connId,
    db,
    req.cursor ?? "0",
    req.count,
    req.meta ? 1 : 0,
    req.type ?? "",
    req.match?.toString("hex") ?? "",
  ].join("\u0000");
}

export function prefetch(
  connId: string,
  db: number,
  req: ScanRequest,
  compute: () => Promise<ScanPage>,
): void {
  const page = compute();
  page.catch(() => {}); // a failed prefetch is simply recomputed on request
  pages.set(id(connId, db, req), { at: Date.now(), page });
  while (pages.size > MAX_ENTRIES) pages.delete(pages.keys().next().value as string);
}

/** The prefetched page for this exact request, if there is a fresh one (and it succeeded). */
export async function takePrefetched(
  connId: string,
  db: number,
  req: ScanRequest,
): Promise<ScanPage | null> {
  const key = id(connId, db, req);
  const entry = pages.get(key);
  if (!entry) return null;
  pages.delete(key);
  if (Date.now() - entry.at > MAX_AGE_MS) return null;
  return entry.page.catch(() => null);
}
