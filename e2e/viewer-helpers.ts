import type { Page } from "@playwright/test";
import type { Redis } from "ioredis";
import { expect } from "./fixtures";

// What the viewer specs share: opening a key's details and finding its value rows.

export async function open(page: Page, key: string, conn = "default") {
  await page.goto(`/c/${conn}/db/0?key=${encodeURIComponent(key)}`);
  await expect(page.getByTestId("key-details")).toBeVisible();
}

export const rows = (page: Page) => page.getByTestId("value-row");
export const row = (page: Page, text: string | RegExp) =>
  rows(page).filter({ hasText: text }).first();

export async function fillHash(redis: Redis, key: string, n: number) {
  const args: string[] = [];
  for (let i = 0; i < n; i++) args.push(`field:${String(i).padStart(4, "0")}`, `value ${i}`);
  await redis.hset(key, ...args);
}

/** Deletes a spec's keys by SCAN (never KEYS, even on the throwaway Redis). */
export async function deleteKeys(redis: Redis, prefix: string) {
  for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 1000 })) {
    if ((keys as string[]).length) await redis.del(...(keys as string[]));
  }
}
