import { readFileSync, writeFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import type { Redis } from "ioredis";
import { expect, test } from "./fixtures";

// A round trip through the key browser: the filter `rt:*` of database 2 exported as JSON lines
// and downloaded, then imported through "Import…" into database 3 (flushed before and after;
// no other spec uses 2 or 3); the keys are there, binary-exact, with their TTLs. Then a corrupt
// file refused (nothing written) and the read-only connection's refusal. Screenshots light and dark.

const FROM = 2;
const INTO = 3;
const BIN = Buffer.from([0xff, 0x00, 0xfe]);
const BIN_KEY = Buffer.concat([Buffer.from("rt:bin:"), BIN]);

async function seed(redis: Redis) {
  await redis.select(FROM);
  await redis.flushdb();
  const p = redis.pipeline();
  for (let i = 0; i < 120; i++) p.set(`rt:item:${i}`, `value ${i}`);
  p.set("rt:ttl", "soon", "EX", 3600);
  p.set(BIN_KEY, BIN);
  p.hset("rt:user:1", { name: "Ada", email: "ada@example.com" });
  p.rpush("rt:queue", "a", "b", "c");
  p.sadd("rt:tags", "x", "y");
  p.zadd("rt:board", 1, "ada", 2, "bob");
  p.xadd("rt:events", "1-1", "kind", "login");
  p.set("other:key", "not exported");
  await p.exec();
  await redis.select(INTO);
  await redis.flushdb();
}

async function dark(page: Page, shot: (p: Page, n: string) => Promise<void>, name: string) {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.waitForTimeout(300);
  await shot(page, name);
  await page.emulateMedia({ colorScheme: "light" });
}

async function exportFilter(page: Page): Promise<string> {
  await page.goto(`/c/default/db/${FROM}?match=${encodeURIComponent("rt:*")}`);
  await page.getByRole("button", { name: `Export keys of database ${FROM}` }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Export", exact: true }).click();
  await expect(dialog.getByTestId("export-progress")).toHaveAttribute("data-state", "done");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    dialog.getByTestId("export-download").click(),
  ]);
  return download.path();
}

async function openImport(page: Page, conn: string) {
  await page.goto(`/c/${conn}/db/${INTO}`);
  await page.getByRole("button", { name: `Import keys into database ${INTO}` }).click();
  return page.getByRole("dialog");
}

test.describe("export → import round trip", () => {
  test.beforeEach(async ({ redis }) => seed(redis));
  test.afterAll(async ({ redis }) => {
    for (const db of [FROM, INTO]) {
      await redis.select(db);
      await redis.flushdb();
    }
  });

  test("exports db 2's filter, imports the file into db 3 through the UI", async ({
    page,
    redis,
    shot,
  }) => {
    const file = await exportFilter(page);
    const dialog = await openImport(page, "default");
    await dialog.getByLabel("Import file").setInputFiles(file);
    await shot(page, "import-picked-light");
    await dialog.getByRole("button", { name: /^Import \d/ }).click();
    const progress = dialog.getByTestId("import-progress");
    await expect(progress).toHaveAttribute("data-state", "done");
    await expect(dialog.getByTestId("import-imported")).toHaveText("127");
    await expect(dialog.getByTestId("import-failed")).toHaveText("0");
    await shot(page, "import-done-light");
    await dark(page, shot, "import-done-dark");

    await redis.select(INTO);
    expect(await redis.dbsize()).toBe(127);
    expect(await redis.getBuffer(BIN_KEY)).toEqual(BIN);
    expect(await redis.hgetall("rt:user:1")).toEqual({ name: "Ada", email: "ada@example.com" });
    expect(await redis.lrange("rt:queue", 0, -1)).toEqual(["a", "b", "c"]);
    expect(await redis.zrange("rt:board", "0", "-1")).toEqual(["ada", "bob"]);
    expect(await redis.xlen("rt:events")).toBe(1);
    expect(await redis.ttl("rt:ttl")).toBeGreaterThan(3500);
    expect(await redis.exists("other:key")).toBe(0);
    // The key list refreshed when the job ended.
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(page.getByText(/127 of 127 keys/)).toBeVisible();

    // The same file again: every key exists, so every key is skipped.
    const again = await openImport(page, "default");
    await again.getByLabel("Import file").setInputFiles(file);
    await again.getByRole("button", { name: /^Import \d/ }).click();
    await expect(again.getByTestId("import-progress")).toHaveAttribute("data-state", "done");
    await expect(again.getByTestId("import-skipped")).toHaveText("127");
  });

  test("a corrupt file is refused whole, naming the line", async ({ page, redis, shot }) => {
    const file = readFileSync(await exportFilter(page));
    const at = file.indexOf("value 7");
    file[at] = "V".charCodeAt(0); // one byte: the checksum no longer matches
    const path = test.info().outputPath("corrupt.jsonl");
    writeFileSync(path, file);
    const dialog = await openImport(page, "default");
    await dialog.getByLabel("Import file").setInputFiles(path);
    await dialog.getByRole("button", { name: /^Import \d/ }).click();
    await expect(dialog.getByText(/sha256 differs/)).toBeVisible();
    await expect(dialog.getByText(/nothing was imported/)).toBeVisible();
    await shot(page, "import-corrupt-light");
    await dark(page, shot, "import-corrupt-dark");
    await redis.select(INTO);
    expect(await redis.dbsize()).toBe(0);
  });

  test("a read-only connection says why it refuses", async ({ page, shot }) => {
    const dialog = await openImport(page, "ro");
    await expect(dialog.getByText(/read-only/).first()).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Import", exact: true })).toBeDisabled();
    await shot(page, "import-read-only-light");
  });
});
