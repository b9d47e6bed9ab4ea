import { describe, expect, it } from "vitest";
import { PAGE_BUDGET_BYTES, PREVIEW_BYTES } from "@/lib/schemas/values";
import { previewAll, READ_BUDGET_BYTES, readBudgeted, valueCost } from "./value-budget";

/** A source of `sizes.length` values read in chunks, recording what was asked. */
function source(sizes: number[]) {
  let at = 0;
  const asks: number[] = [];
  const read = async (ask: number) => {
    asks.push(ask);
    const items = sizes.slice(at, at + ask).map((n, i) => Buffer.alloc(n, (at + i) % 256));
    at += items.length;
    return { items, more: at < sizes.length };
  };
  return { read, asks, position: () => at };
}

describe("readBudgeted", () => {
  it("reads small values in two chunks up to the count", async () => {
    const s = source(Array(10_000).fill(10));
    const page = await readBudgeted(5000, valueCost, s.read);
    expect(page.items).toHaveLength(5000);
    expect(page).toMatchObject({ stopped: false, more: true });
    expect(s.asks).toEqual([1, 4999]);
  });

  it("stops at the read budget with big values, holding exactly what it read", async () => {
    const s = source(Array(20).fill(10 * 1024 * 1024));
    const page = await readBudgeted(100, valueCost, s.read);
    expect(page.stopped).toBe(true);
    expect(page.items.length).toBe(s.position()); // nothing read is dropped: nothing skipped
    expect(page.items.length * 10 * 1024 * 1024).toBeLessThanOrEqual(READ_BUDGET_BYTES);
  });

  it("stops once the previews shown pass the page budget", async () => {
    const s = source(Array(5000).fill(5000));
    const page = await readBudgeted(5000, valueCost, s.read);
    expect(page.stopped).toBe(true);
    const shown = page.items.length * PREVIEW_BYTES;
    expect(shown).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
    expect(shown).toBeGreaterThan(PAGE_BUDGET_BYTES - PREVIEW_BYTES);
  });

  it("always answers at least one item, however big", async () => {
    const s = source([64 * 1024 * 1024, 1]);
    const page = await readBudgeted(100, valueCost, s.read);
    expect(page.items).toHaveLength(1);
    expect(page).toMatchObject({ stopped: true, more: true });
  });

  it("previews values over PREVIEW_BYTES and says where", () => {
    const { values, previews } = previewAll([Buffer.alloc(3), Buffer.alloc(PREVIEW_BYTES + 1)]);
    expect(values.map((v) => v.length)).toEqual([3, PREVIEW_BYTES]);
    expect(previews).toEqual([{ index: 1, length: PREVIEW_BYTES + 1 }]);
    expect(previewAll([Buffer.alloc(1)]).previews).toBeUndefined();
  });
});
