import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// The main Redis is shared with the other specs: bulk deletes only touch keys with this run's
// own prefix, and the flush test uses database 9, which nothing else uses.
const prefix = `e2e-bulk-${Date.now().toString(36)}:`;
const BULK_KEYS = 20_000;

async function waitForSamples(page: Page, n: number) {
  // The sampler takes one sample every 2 s while the page polls.
  await expect
    .poll(async () => Number(await page.getByTestId("chart-ops").getAttribute("data-samples")), {
      timeout: 20_000,
    })
    .toBeGreaterThanOrEqual(n);
}

test.describe("overview", () => {
  // Tall enough that the whole page fits in one screenshot.
  test.use({ viewport: { width: 1440, height: 2000 } });

  test("shows the server's health with charts that fill from the sampler, light and dark", async ({
    page,
    shot,
  }) => {
    await page.goto("/c/default/db/0");
    await page.getByRole("link", { name: "Overview" }).click();
    await expect(page).toHaveURL(/\/c\/default\/overview$/);
    await expect(page.getByRole("link", { name: "Overview" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(page.getByRole("heading", { name: "Server health" })).toBeVisible();
    await expect(page.getByTestId("tile-memory")).toContainText(/iB|B/);
    await expect(page.getByTestId("server-card")).toContainText("standalone");
    await expect(page.getByTestId("keyspace-db-0")).toBeVisible();
    await expect(page.getByTestId("commands-card")).toContainText("info");
    await expect(page.getByTestId("persistence-card")).toContainText("RDB snapshots");
    await expect(page.getByTestId("settings-card")).toContainText("maxmemory-policy");
    await waitForSamples(page, 4);
    await expect(page.getByTestId("chart-ops").locator("canvas")).toBeVisible();
    await shot(page, "overview-light");

    // A reload keeps the history: the charts come back with the samples already taken.
    const before = Number(await page.getByTestId("chart-ops").getAttribute("data-samples"));
    await page.emulateMedia({ colorScheme: "dark" });
    await page.reload();
    await waitForSamples(page, before);
    await expect(page.getByTestId("settings-card")).toContainText("maxmemory-policy");
    await expect(page.getByTestId("persistence-card")).toContainText("RDB snapshots");
    await shot(page, "overview-dark");
  });

  test("bulk-deletes keys by pattern with a dry run first and a progress bar", async ({
    page,
    redis,
    shot,
  }) => {
    const p = redis.pipeline();
    for (let i = 0; i < BULK_KEYS; i++) p.set(`${prefix}${i}`, "x");
    p.set(`${prefix.slice(0, -1)}-kept`, "x");
    await p.exec();
    await page.goto("/c/default/overview");
    await page
      .getByTestId("keyspace-db-0")
      .getByRole("button", { name: /Bulk actions/ })
      .click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Pattern").fill(`${prefix}*`);
    await dialog.getByRole("button", { name: "Dry run" }).click();
    const progress = dialog.getByTestId("bulk-progress");
    await expect(progress).toHaveAttribute("data-state", "done");
    await expect(dialog.getByTestId("bulk-matched")).toHaveText("20,000");
    await expect(dialog.getByTestId("bulk-affected")).toHaveText("0");
    await expect(dialog.getByText("First matching keys")).toBeVisible();
    expect(await redis.exists(`${prefix}0`)).toBe(1);
    await shot(page, "overview-bulk-dry-run");

    // The run is offered only after the dry run, and names what it counted.
    await dialog.getByRole("button", { name: "Delete 20,000 keys" }).click();
    await expect(progress.getByRole("progressbar")).toBeVisible();
    await expect(progress).toHaveAttribute("data-state", "done", { timeout: 30_000 });
    await expect(dialog.getByTestId("bulk-affected")).toHaveText("20,000");
    await expect(progress.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
    await shot(page, "overview-bulk-done");
    expect(await redis.exists(`${prefix}0`, `${prefix}19999`)).toBe(0);
    expect(await redis.exists(`${prefix.slice(0, -1)}-kept`)).toBe(1);
    await dialog.getByRole("button", { name: "Close" }).click();
    await redis.del(`${prefix.slice(0, -1)}-kept`);
  });

  test("flushes a database only after its index is typed", async ({ page, redis, shot }) => {
    await redis.select(9);
    await redis.mset("flush:a", "1", "flush:b", "2", "flush:c", "3");
    await page.goto("/c/default/overview");
    const row = page.getByTestId("keyspace-db-9");
    await expect(row).toContainText("3");
    await row.getByRole("button", { name: "Flush database 9" }).click();
    const dialog = page.getByRole("dialog");
    const confirm = dialog.getByRole("button", { name: "Flush db 9" });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel("Type the database index to confirm").fill("0");
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel("Type the database index to confirm").fill("9");
    await expect(confirm).toBeEnabled();
    await shot(page, "overview-flush-confirm");
    await confirm.click();
    await expect(page.getByText("Flushed database 9")).toBeVisible();
    await expect(row).toHaveCount(0);
    expect(await redis.dbsize()).toBe(0);
    await redis.select(0);
    expect(await redis.dbsize()).toBeGreaterThan(0);
  });

  test("changes a setting after showing the old and new value", async ({ page, redis }) => {
    const [, before] = (await redis.config("GET", "maxmemory-samples")) as string[];
    const next = before === "7" ? "6" : "7";
    await page.goto("/c/default/overview");
    await page.getByRole("button", { name: "Edit maxmemory-samples" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("New value").fill(next);
    await expect(dialog.getByTestId("setting-change")).toContainText(`current${before}new${next}`);
    await dialog.getByRole("button", { name: "Apply (CONFIG SET)" }).click();
    await expect(page.getByText(`maxmemory-samples is now ${next}`)).toBeVisible();
    expect(await redis.config("GET", "maxmemory-samples")).toEqual(["maxmemory-samples", next]);
    await redis.config("SET", "maxmemory-samples", before as string);
  });

  test("a production connection asks for its id before a bulk delete", async ({ page }) => {
    await page.goto("/c/prod/overview");
    await page
      .getByTestId("keyspace-db-0")
      .getByRole("button", { name: /Bulk actions/ })
      .click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Pattern").fill("app:user:*");
    await expect(dialog.getByRole("button", { name: /^Delete/ })).toHaveCount(0);
    await dialog.getByRole("button", { name: "Dry run" }).click();
    const run = dialog.getByRole("button", { name: "Delete 40 keys" });
    await expect(run).toBeDisabled();
    await dialog.getByLabel("Type the connection id to confirm").fill("main (production)");
    await expect(run).toBeDisabled();
    await dialog.getByLabel("Type the connection id to confirm").fill("prod");
    await expect(run).toBeEnabled();
  });

  test("a read-only connection shows the figures and no write controls", async ({ page, shot }) => {
    await page.goto("/c/ro/overview");
    await expect(page.getByTestId("keyspace-db-0")).toBeVisible();
    await expect(page.getByTestId("persistence-card")).toContainText("RDB snapshots");
    await expect(page.getByTestId("settings-card")).toContainText("maxmemory-policy");
    for (const name of [/Bulk/, /Flush/, /BGSAVE/, /BGREWRITEAOF/, /^Edit/, /Turn (on|off)/])
      await expect(page.getByRole("button", { name })).toHaveCount(0);
    await shot(page, "overview-read-only");
  });
});
