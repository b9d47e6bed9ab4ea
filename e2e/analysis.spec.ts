import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// The memory analysis pages on the main Redis. Database 12 (the report's data) and 13 (a big
// one, to watch a run and cancel it) are used by no other spec; both are flushed before and
// after. The flaky Redis, stopped (SIGSTOP) for the error state, is resumed at once.

const DB = 12;
const BIG_DB = 13;
const BIN = Buffer.from([0xff, 0x00, 0xfe]);

async function seed(redis: import("ioredis").Redis) {
  await redis.select(DB);
  await redis.flushdb();
  const p = redis.pipeline();
  for (let i = 0; i < 2000; i++)
    p.set(`shop:cache:item:${i}`, "x".repeat(40 + (i % 200)), "EX", 600);
  for (let i = 0; i < 600; i++)
    p.hset(`shop:user:${i}:profile`, { name: `user ${i}`, email: `u${i}@example.com` });
  for (let i = 0; i < 300; i++)
    p.set(`auth:session:${i.toString(16).padStart(8, "0")}`, "token", "EX", 3 * 86400);
  for (let i = 0; i < 200; i++) p.zadd("stats:daily", i, `day-${i}`);
  p.rpush("queue:jobs:big", ...Array.from({ length: 20_000 }, (_, i) => `job-${i}`));
  p.hset(
    "shop:catalog:huge",
    Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`f${i}`, "v".repeat(30)])),
  );
  p.set(Buffer.concat([Buffer.from("bin:"), BIN, Buffer.from(":k")]), "b".repeat(50_000));
  p.set("loose-key", "no namespace");
  await p.exec();
}

async function clearReports(page: Page) {
  const res = await page.request.get("/api/connections/default/analysis");
  const { reports } = (await res.json()) as { reports: { id: string }[] };
  for (const r of reports) await page.request.delete(`/api/connections/default/analysis/${r.id}`);
}

async function analyse(page: Page, db: number) {
  await page.getByLabel("Database to analyse").selectOption(String(db));
  await page.getByRole("button", { name: `Analyse db${db}` }).click();
}

test.describe("memory analysis", () => {
  test.afterAll(async ({ redis }) => {
    for (const db of [DB, BIG_DB]) {
      await redis.select(db);
      await redis.flushdb();
    }
  });

  test("runs from the page, shows the report, drills into the treemap, opens a key, exports, compares, deletes", async ({
    page,
    redis,
    shot,
  }) => {
    test.setTimeout(180_000);
    await seed(redis);
    await clearReports(page);

    await page.goto("/c/default/db/0");
    await page.getByRole("link", { name: "Memory" }).click();
    await expect(page).toHaveURL(/\/c\/default\/analysis$/);
    await expect(page.getByRole("link", { name: "Memory" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(page.getByText("No reports yet")).toBeVisible();
    await expect(page.getByText("0 = exact, slower")).toBeVisible();
    await shot(page, "analysis-empty");

    // A full analysis: progress, then its report.
    await analyse(page, DB);
    const progress = page.getByTestId("analysis-progress");
    await expect(progress).toBeVisible();
    await expect(progress).toHaveAttribute("data-state", "done", { timeout: 60_000 });
    await expect(page.getByTestId("analysis-counts")).toContainText("2,905 of 2,905 keys read");
    await expect(page.getByTestId("report-row")).toHaveCount(1);
    await progress.getByRole("link", { name: "Open the report" }).click();
    await expect(page).toHaveURL(/\/c\/default\/analysis\/[0-9a-z-]+$/);
    const totals = page.getByTestId("analysis-totals");
    await expect(totals).toContainText("2,905");
    await expect(totals).toContainText("full: every key read");
    await expect(page.getByRole("link", { name: "Memory" })).toHaveAttribute(
      "aria-current",
      "page",
    );

    // Tall enough that the whole report fits in one screenshot.
    await page.setViewportSize({ width: 1440, height: 2600 });
    // The treemap: a canvas drawn by echarts, and one level at a time.
    const treemap = page.getByTestId("analysis-treemap");
    await expect(treemap.locator("canvas")).toBeVisible();
    await treemap.getByTestId("treemap-open").filter({ hasText: /^shop/ }).click();
    await expect(treemap.getByTestId("treemap-crumb")).toHaveText(["shop"]);
    await expect(treemap.getByTestId("treemap-open").filter({ hasText: /^cache/ })).toBeVisible();
    await treemap
      .getByTestId("treemap-open")
      .filter({ hasText: /^cache/ })
      .click();
    await expect(treemap.getByTestId("treemap-crumb")).toHaveText(["shop", "shop:cache"]);
    await treemap.getByTestId("treemap-crumb").first().click();
    await expect(treemap.getByTestId("treemap-crumb")).toHaveText(["shop"]);

    // Tables: namespaces sortable, top keys, the binary key shown escaped.
    const namespaces = page.getByTestId("namespace-table");
    await expect(namespaces).toContainText("shop:cache");
    await expect(page.getByTestId("top-memory")).toContainText("queue:jobs:big");
    await expect(namespaces).toContainText("bin:\\xff\\x00\\xfe");
    await expect(page.getByTestId("top-memory")).toContainText("bin:\\xff\\x00\\xfe:k");
    await expect(page.getByTestId("top-length")).toContainText("queue:jobs:big");
    await expect(page.getByTestId("ttl-bars").locator("canvas")).toBeVisible();
    await expect(page.getByTestId("types-table")).toContainText("hash");
    await expect(page.getByTestId("encodings-table")).toContainText("listpack");
    await page.waitForTimeout(400); // echarts animates its first drawing
    await shot(page, "analysis-light");
    await page.emulateMedia({ colorScheme: "dark" });
    await page.waitForTimeout(800);
    await shot(page, "analysis-dark");
    await page.emulateMedia({ colorScheme: "light" });

    // Export: the CSV is a download with a header row and the namespaces.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-csv").click(),
    ]);
    const csv = readFileSync(await download.path(), "utf8");
    expect(csv.split("\n")[0]).toMatch(/prefix/);
    expect(csv).toContain("shop:cache");
    const reportUrl = page.url();

    // A top key opens in the key browser.
    await page.getByTestId("top-memory").getByRole("link", { name: "queue:jobs:big" }).click();
    await expect(page).toHaveURL(new RegExp(`/c/default/db/${DB}\\?key64=`));
    await expect(page.getByTestId("key-details")).toContainText("queue:jobs:big");

    // A second report after the data grew, then the comparison.
    const p = redis.pipeline();
    for (let i = 0; i < 1500; i++) p.set(`shop:new:${i}`, "y".repeat(100));
    await p.exec();
    await redis.del("queue:jobs:big");
    await page.goto("/c/default/analysis");
    await analyse(page, DB);
    await expect(page.getByTestId("analysis-progress")).toHaveAttribute("data-state", "done", {
      timeout: 60_000,
    });
    await expect(page.getByTestId("report-row")).toHaveCount(2);
    for (const box of await page.getByRole("checkbox", { name: /Compare report/ }).all())
      await box.check();
    await page.getByRole("button", { name: "Compare the two ticked" }).click();
    const compare = page.getByTestId("compare-namespaces");
    await expect(compare).toContainText("shop:new");
    await expect(compare).toContainText("queue");
    await expect(page.getByTestId("analysis-compare")).toContainText("What changed");

    // Delete one (confirmed); the read-only connection may not.
    await page.goto("/c/default/analysis");
    await page.getByTestId("report-row").first().getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect(page.getByTestId("report-row")).toHaveCount(1);
    await page.goto(reportUrl); // the older one is still there
    await expect(page.getByTestId("analysis-totals")).toContainText("2,905");
    // Read-only mode may run an analysis (a read) but not delete its report (a write).
    await page.goto("/c/ro/analysis");
    await analyse(page, DB);
    await expect(page.getByTestId("analysis-progress")).toHaveAttribute("data-state", "done", {
      timeout: 60_000,
    });
    const roDelete = page.getByTestId("report-row").first().getByRole("button", { name: "Delete" });
    await expect(roDelete).toBeDisabled();
    await expect(roDelete).toHaveAttribute("title", /Read-only connection/);
    const refused = await page.request.delete(
      `/api/connections/ro/analysis/${(await page.getByTestId("report-row").first().getAttribute("data-id")) ?? ""}`,
    );
    expect(refused.status()).toBe(403);
  });

  test("a running analysis shows its progress and cancels, leaving no report", async ({
    page,
    redis,
    shot,
  }) => {
    test.setTimeout(120_000);
    await redis.select(BIG_DB);
    await redis.flushdb();
    // 400k keys in one script: a run long enough (seconds) to watch and cancel.
    await redis.eval(
      "for i = 1, 400000 do redis.call('SET', 'big:' .. (i % 50) .. ':' .. i, 'v') end",
      0,
    );
    await clearReports(page);
    await page.goto("/c/default/analysis");
    await analyse(page, BIG_DB);
    const progress = page.getByTestId("analysis-progress");
    await expect(progress).toHaveAttribute("data-state", "running");
    await expect(progress).toContainText("keys/s");
    await expect(progress).toContainText("ETA");
    await shot(page, "analysis-running");
    await progress.getByRole("button", { name: "Cancel" }).click();
    await expect(progress).toHaveAttribute("data-state", "cancelled");
    await expect(progress).toContainText("no report was kept");
    await expect(page.getByText("No reports yet")).toBeVisible();
    await redis.flushdb();
  });

  test("an analysis of a Redis that does not answer says why", async ({ page, shot }) => {
    const pid = Number(process.env.E2E_FLAKY_PID);
    // The banner spec may have stopped the flaky Redis for good already; then nothing listens.
    let paused = false;
    try {
      process.kill(pid, "SIGSTOP");
      paused = true;
    } catch {}
    try {
      await page.goto("/c/flaky/analysis");
      await page.getByRole("button", { name: /^Analyse db/ }).click();
      const error = page.getByRole("alert").filter({ hasText: "The analysis could not start" });
      await expect(error).toBeVisible({ timeout: 15_000 });
      await shot(page, "analysis-error");
    } finally {
      if (paused) process.kill(pid, "SIGCONT");
    }
  });
});
