import "server-only";
import { PAGE_BUDGET_BYTES, PREVIEW_BYTES } from "@/lib/schemas/values";

// A value page is bounded by bytes as well as by count: each value over PREVIEW_BYTES is cut to
// a preview (the whole value is one request away: GET …/key/value/item), and a page stops once
// what it would send passes PAGE_BUDGET_BYTES, its cursor/offset continuing after the last item
// it holds, so nothing is skipped.
//
// Redis has no bounded read for a list item, a stream field or a set member (only GETRANGE for
// strings, and HSTRLEN to size a hash field), so what Redis sends is bounded by reading in
// chunks sized from what the previous chunks cost: the first chunk is one item, the next ones
// as many as the remaining budgets allow at the average size seen so far.

/** At most this much read from Redis for one page (a list of 10 MB items reads 3 of them). */
export const READ_BUDGET_BYTES = 32 * 1024 * 1024;

export type Cost = { read: number; shown: number };

/**
 * A chunk reader: asked for `ask` more items, gives them and whether more may follow; `pause`
 * ends the page there although more follow (a scan whose time budget ran out).
 */
type ReadChunk<T> = (ask: number) => Promise<{ items: T[]; more: boolean; pause?: boolean }>;

/**
 * Reads up to `count` items in chunks until the count, the end, or a budget is reached.
 * `stopped` says a budget ended the page (more items follow at the continuation point).
 */
export async function readBudgeted<T>(
  count: number,
  cost: (item: T) => Cost,
  readChunk: ReadChunk<T>,
  first = 1,
): Promise<{ items: T[]; stopped: boolean; more: boolean }> {
  const items: T[] = [];
  let read = 0;
  let shown = 0;
  let ask = Math.min(count, first);
  for (;;) {
    const chunk = await readChunk(ask);
    for (const item of chunk.items) {
      items.push(item);
      const c = cost(item);
      read += c.read;
      shown += c.shown;
    }
    const left = count - items.length;
    if (!chunk.more || left <= 0 || chunk.pause) return { items, stopped: false, more: chunk.more };
    if (shown >= PAGE_BUDGET_BYTES || read >= READ_BUDGET_BYTES)
      return { items, stopped: true, more: true };
    const n = Math.max(items.length, 1);
    const byRead = Math.floor((READ_BUDGET_BYTES - read) / Math.max(read / n, 1));
    const byShown = Math.floor((PAGE_BUDGET_BYTES - shown) / Math.max(shown / n, 1));
    // Not even one more item of the average size fits: end the page here.
    ask = Math.min(left, byRead, byShown);
    if (ask < 1) return { items, stopped: true, more: true };
  }
}

/** What a value costs: all of it read, its preview shown. */
export function valueCost(value: Buffer): Cost {
  return { read: value.length, shown: Math.min(value.length, PREVIEW_BYTES) };
}

/** An identity (hash field, member, stream field name): never cut, so edits can name it. */
export function nameCost(name: Buffer): Cost {
  return { read: name.length, shown: name.length };
}

export function addCost(...costs: Cost[]): Cost {
  let read = 0;
  let shown = 0;
  for (const c of costs) {
    read += c.read;
    shown += c.shown;
  }
  return { read, shown };
}

/** A value as a page shows it: whole, or its first PREVIEW_BYTES and its full length. */
export function preview(value: Buffer): { value: Buffer; length?: number } {
  if (value.length <= PREVIEW_BYTES) return { value };
  return { value: value.subarray(0, PREVIEW_BYTES), length: value.length };
}

/**
 * Previews of a list of values, and where they were cut: `previews` lists the positions and
 * full lengths of the cut ones (absent when none was cut).
 */
export function previewAll(values: Buffer[]): {
  values: Buffer[];
  previews?: { index: number; length: number }[];
} {
  const previews: { index: number; length: number }[] = [];
  const out = values.map((v, index) => {
    const p = preview(v);
    if (p.length !== undefined) previews.push({ index, length: p.length });
    return p.value;
  });
  return previews.length > 0 ? { values: out, previews } : { values: out };
}
