import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// The key browser's "Export…" on the main Redis, database 15 (used by no other spec; flushed
// before and after): the current filter exported as JSON lines, the download checked line by
// line, a filter that matches nothing, a refused pattern, and the read-only connection (an
// export is a read: the button is there, Bulk is not). Screenshots light and dark.

const DB = 15;
const BIN = Buffer.from([0xff, 0x00, 0xfe]);

async function seed(redis: import("ioredis").Redis) {
  await redis.select(DB);
  await redis.flushdb();
  const p = redis.pipeline();
  for (let i = 0; i < 300; i++) p.set(`exp:item:${i}`, `value ${i}`, "EX", 3600);
  p.hset("exp:user:1", { name: "Ada", email: "ada@example.com" });
  p.rpush("exp:queue", "a", "b", "c");
  p.set(Buffer.concat([Buffer.from("exp:bin:"), BIN]), BIN);
  p.set("other:key", "not exported");
  await p.exec();
}

async function openExport(page: Page, conn: string, match: string) {
  await page.goto(`/c/${conn}/db/${DB}?match=${encodeURIComponent(match)}`);
  await page.getByRole("button", { name: `Export keys of database ${DB}` }).click();
  return page.getByRole("dialog");
}

test.describe("export", () => {
  test.beforeEach(async ({ redis }) => seed(redis));
  test.afterAll(async ({ redis }) => {
    await redis.select(DB);
    await redis.flushdb();
  });

  test("exports the filter as JSON lines and downloads the file", async ({ page, shot }) => {
    const dialog = await openExport(page, "default", "exp:*");
    await expect(dialog.getByLabel("Pattern")).toHaveValue("exp:*");
    await dialog.getByRole("button", { name: "Export", exact: true }).click();
    const progress = dialog.getByTestId("export-progress");
    await expect(progress).toHaveAttribute("data-state", "done");
    await expect(dialog.getByTestId("export-exported")).toHaveText("303");
    await shot(page, "export-done-light");
    await page.emulateMedia({ colorScheme: "dark" });
    await page.waitForTimeout(300);
    await shot(page, "export-done-dark");
    await page.emulateMedia({ colorScheme: "light" });

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      dialog.getByTestId("export-download").click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^keyscope-default-db15-\d{8}T\d{6}Z\.jsonl$/);
    const lines = readFileSync(await download.path(), "utf8")
      .trimEnd()
      .split("\n");
    expect(JSON.parse(lines[0] as string)).toMatchObject({ format: "keyscope-export", version: 1 });
    expect(JSON.parse(lines.at(-1) as string)).toMatchObject({ end: true, keys: 303 });
    const keys = lines.slice(1, -1).map((l) => JSON.parse(l).key);
    expect(keys).toContainEqual({
      b64: Buffer.concat([Buffer.from("exp:bin:"), BIN]).toString("base64"),
    });
    expect(keys).not.toContain("other:key");
  });

  test("a filter that matches nothing, and a refused pattern", async ({ page, shot }) => {
    const dialog = await openExport(page, "default", "nothing:here:*");
    await dialog.getByRole("button", { name: "Export", exact: true }).click();
    await expect(dialog.getByTestId("export-progress")).toHaveAttribute("data-state", "done");
    await expect(dialog.getByTestId("export-exported")).toHaveText("0");
    await shot(page, "export-empty-light");

    await dialog.getByLabel("Pattern").fill("a*".repeat(20));
    await dialog.getByRole("button", { name: "Export again" }).click();
    await expect(dialog.getByText(/wildcards/)).toBeVisible();
    await shot(page, "export-error-light");
    await page.emulateMedia({ colorScheme: "dark" });
    await page.waitForTimeout(300);
    await shot(page, "export-error-dark");
    await page.emulateMedia({ colorScheme: "light" });
  });

  test("is offered on a read-only connection, where Bulk is not", async ({ page }) => {
    const dialog = await openExport(page, "ro", "exp:item:1*");
    await expect(page.getByRole("button", { name: /Bulk actions/ })).toHaveCount(0);
    await dialog.getByRole("button", { name: "Export", exact: true }).click();
    await expect(dialog.getByTestId("export-progress")).toHaveAttribute("data-state", "done");
    await expect(dialog.getByTestId("export-exported")).toHaveText("111");
  });
});
