/** Rows per list window and zset rank window, and per stream page. */
export const WINDOW = 100;
/** Elements asked for per HSCAN/SSCAN/ZSCAN request. */
export const SCAN_COUNT = 200;

/** A SCAN-family cursor's next page: none once Redis says "0" (or sends no cursor). */
export function nextCursor(last: { cursor?: string }): string | undefined {
  return !last.cursor || last.cursor === "0" ? undefined : last.cursor;
}
