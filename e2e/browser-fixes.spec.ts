import type { Redis } from "ioredis";
import { expect, test } from "./fixtures";

// What the first real use found in the key browser (issue 9), each fixed and checked here, on a
// database of its own (11), flushed before and after.

const DB = 11;
const LONG = `sess:${"0123456789abcdef".repeat(6)}:UNIQUE-TAIL-42`;

async function inDb<T>(redis: Redis, fn: () => Promise<T>): Promise<T> {
  await redis.select(DB);
  await redis.flushdb();
  try {
    return await fn();
  } finally {
    await redis.flushdb();
    await redis.select(0);
  }
}

async function seed(redis: Redis, n: number, prefix: string) {
  for (let i = 0; i < n; i += 5000) {
    const p = redis.pipeline();
    for (let j = i; j < Math.min(n, i + 5000); j++) p.set(`${prefix}${j}`, "v");
    await p.exec();
  }
}

test.describe("key browser fixes", () => {
  test("↓ from the filter enters the list, Enter opens the first match, found exactly", async ({
    page,
    redis,
    shot,
  }) => {
    await inDb(redis, async () => {
      await seed(redis, 30_000, "user:");
      await redis.set(LONG, "v");
      await page.goto(`/c/default/db/${DB}`);
      const filter = page.getByLabel("Filter keys (glob)");
      await filter.fill("user:29999");
      await expect(page).toHaveURL(/match=user%3A29999\*/);
      // The key the filter names comes first, once, whatever the SCAN pages hold.
      const rows = page.getByTestId("key-row");
      await expect(rows.first()).toContainText("user:29999");
      await expect(
        rows.filter({ has: page.getByTitle("user:29999", { exact: true }) }),
      ).toHaveCount(1);
      // ↓ moves into the list; Enter on the filter opens the first match.
      await filter.press("ArrowDown");
      await expect(page.getByTestId("key-list")).toBeFocused();
      await filter.focus();
      await filter.press("Enter");
      await expect(page).toHaveURL(/key=user%3A29999(&|$)/);
      await expect(page.getByTestId("key-details")).toContainText("user:29999");

      // Typing a new filter and Enter at once (before the 300 ms debounce) opens its match too.
      await filter.fill("sess:");
      await filter.press("Enter");
      await expect(page).toHaveURL(/key=sess%3A0123/);
      await shot(page, "browser-fixes-exact");
    });
  });

  test("long names are cut in the middle and shown whole on hover and focus", async ({
    page,
    redis,
    shot,
  }) => {
    await inDb(redis, async () => {
      await redis.set(LONG, "v");
      await redis.set("sess:short", "v");
      await page.goto(`/c/default/db/${DB}?match=sess:*`);
      const row = page.getByTestId("key-row").filter({ hasText: "UNIQUE-TAIL-42" });
      const name = row.getByTestId("key-name");
      await expect(name).toHaveAttribute("title", LONG);
      // The tail is on screen, not cut off: its right edge is inside the row.
      const tail = name.locator("span").last();
      await expect(tail).toHaveText(/TAIL-42$/);
      const [tailBox, rowBox] = [await tail.boundingBox(), await row.boundingBox()];
      expect(tailBox && rowBox && tailBox.x + tailBox.width <= rowBox.x + rowBox.width).toBe(true);
      expect(
        await name
          .locator("span")
          .first()
          .evaluate((e) => e.scrollWidth > e.clientWidth),
      ).toBe(true);
      await shot(page, "browser-fixes-middle-cut");
      // Focused (keyboard), the active row shows the whole name, wrapped.
      await page.getByTestId("key-list").focus();
      const list = page.getByTestId("key-list");
      const longIndex = (await page.getByTestId("key-row").allInnerTexts()).findIndex((t) =>
        t.includes("UNIQUE"),
      );
      for (let i = 0; i < longIndex; i++) await list.press("ArrowDown");
      await expect(row).toContainText(LONG);
      expect((await row.boundingBox())?.height).toBeGreaterThan(40);
      await shot(page, "browser-fixes-focused-name");
    });
  });

  test("the split between list and details is resizable by keyboard and remembered", async ({
    page,
  }) => {
    // The remembered width is read after mount: a reload must not mismatch the server's HTML.
    const hydration: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" && /hydrat|#418/i.test(m.text())) hydration.push(m.text());
    });
    await page.goto("/c/default/db/0");
    const handle = page.getByTestId("split-handle");
    await expect(handle).toHaveAttribute("aria-valuenow", "44");
    const keys = page.getByRole("region", { name: "Keys" });
    const before = (await keys.boundingBox())?.width ?? 0;
    await handle.focus();
    for (let i = 0; i < 5; i++) await handle.press("ArrowRight");
    await expect(handle).toHaveAttribute("aria-valuenow", "54");
    expect((await keys.boundingBox())?.width ?? 0).toBeGreaterThan(before + 100);
    await page.reload();
    await expect(page.getByTestId("split-handle")).toHaveAttribute("aria-valuenow", "54");
    await page.getByTestId("split-handle").press("Home");
    await expect(page.getByTestId("split-handle")).toHaveAttribute("aria-valuenow", "20");
    expect(hydration).toEqual([]);
  });

  test("a partial filtered count says how much of the keyspace was scanned", async ({ page }) => {
    await page.goto("/c/default/db/0?match=cache:item:*");
    const status = page.getByTestId("scan-status");
    await expect(status).toContainText(/matching keys so far · scanned ~\d+% of 3,0\d\d keys/);
    const bar = status.getByRole("progressbar", { name: "Share of the keyspace scanned" });
    await expect(bar).toBeVisible();
    const pct = Number(await bar.getAttribute("aria-valuenow"));
    expect(pct).toBeGreaterThan(0);
    expect(pct).toBeLessThan(100);
    await page.getByRole("button", { name: "Scan all" }).click();
    await expect(status).toContainText("3,000 matching keys of 3,0");
    await expect(status).toContainText("scan complete");
  });

  test("the TTL takes units", async ({ page, redis }) => {
    await inDb(redis, async () => {
      await redis.set("ttl:units", "v");
      await page.goto(`/c/default/db/${DB}?key=ttl%3Aunits`);
      await page.getByLabel("TTL duration").fill("1h30m");
      await page.getByRole("button", { name: "Set TTL" }).click();
      await expect(page.getByTestId("ttl-countdown")).toHaveText(/^1h (30|29)m/);
      expect(await redis.ttl("ttl:units")).toBeGreaterThan(5390);
      // The field empties once the TTL is set; typing before that would be wiped.
      await expect(page.getByLabel("TTL duration")).toHaveValue("");
      await page.getByLabel("TTL duration").fill("1h1h");
      await page.getByRole("button", { name: "Set TTL" }).click();
      await expect(page.getByRole("alert").filter({ hasText: "twice" })).toBeVisible();
    });
  });

  test("the tree names an empty first segment (django-redis keys)", async ({
    page,
    redis,
    shot,
  }) => {
    await inDb(redis, async () => {
      await redis.set(":1:views.decorators.cache.cache_page.abc", "v");
      await redis.set(":1:session:xyz", "v");
      await redis.set("celery-task-meta-1", "v");
      await page.goto(`/c/default/db/${DB}?view=tree`);
      const folder = page.getByTestId("tree-folder").filter({ hasText: "(no prefix):" });
      await expect(folder).toBeVisible();
      await expect(folder.getByTitle(/django-redis/)).toBeVisible();
      await expect(page.getByText("(empty)")).toHaveCount(0);
      await folder.click();
      await expect(page.getByTestId("tree-folder").filter({ hasText: /^▸1:2$/ })).toBeVisible();
      await shot(page, "browser-fixes-tree");
    });
  });

  test("a memory column for the rows on screen, sortable", async ({ page, redis, shot }) => {
    await inDb(redis, async () => {
      await redis.set("mem:small", "x");
      await redis.set("mem:big", Buffer.alloc(200_000, 1));
      await redis.rpush("mem:mid", ...Array.from({ length: 500 }, (_, i) => `item-${i}`));
      await page.goto(`/c/default/db/${DB}?match=mem:*`);
      const rows = page.getByTestId("key-row");
      await expect(rows).toHaveCount(3);
      await expect(rows.filter({ hasText: "mem:big" }).getByTestId("memory-cell")).toHaveText(
        /^(19\d|2\d\d) KiB$/,
      );
      const sort = page.getByTestId("sort-memory");
      await sort.click();
      await expect(sort).toHaveAccessibleName("Sort by memory (largest first)");
      await expect(rows.nth(0)).toContainText("mem:big");
      await expect(rows.nth(1)).toContainText("mem:mid");
      await expect(rows.nth(2)).toContainText("mem:small");
      await shot(page, "browser-fixes-memory");
      await page.emulateMedia({ colorScheme: "dark" });
      await page.getByTestId("key-list").focus();
      await shot(page, "browser-fixes-memory-dark");
      await page.emulateMedia({ colorScheme: "light" });
      await sort.click();
      await expect(rows.nth(0)).toContainText("mem:small");
      await expect(rows.nth(2)).toContainText("mem:big");
    });
  });

  test("type dropdowns offer only the types the server has", async ({ page }) => {
    await page.goto("/c/default/db/0");
    const select = page.getByLabel("Filter by type");
    await expect(select.locator("option", { hasText: "stream" })).toHaveCount(1);
    await expect(select.locator("option", { hasText: "ReJSON-RL" })).toHaveCount(0);
    await page.getByRole("button", { name: /Bulk actions/ }).click();
    const type = page.getByRole("dialog").getByLabel("Type");
    await expect(type.locator("option", { hasText: "hash" })).toHaveCount(1);
    await expect(type.locator("option", { hasText: "ReJSON-RL" })).toHaveCount(0);
  });

  test("bulk delete runs only after a dry run, and the list refreshes when it ends", async ({
    page,
    redis,
    shot,
  }) => {
    await inDb(redis, async () => {
      await seed(redis, 40_000, "bulk:");
      await redis.set("keep:me", "v");
      await page.goto(`/c/default/db/${DB}`);
      await expect(page.getByTestId("key-row").first()).toBeVisible();
      await page.getByRole("button", { name: /Bulk actions/ }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel("Pattern").fill("bulk:*");
      // No run before a dry run: the first click can only count.
      await expect(dialog.getByRole("button", { name: /^Delete/ })).toHaveCount(0);
      await dialog.getByRole("button", { name: "Dry run" }).click();
      const run = dialog.getByRole("button", { name: "Delete 40,000 keys" });
      await expect(run).toBeVisible();
      expect(await redis.dbsize()).toBe(40_001);
      await shot(page, "browser-fixes-bulk-counted");
      await page.emulateMedia({ colorScheme: "dark" });
      await shot(page, "browser-fixes-bulk-counted-dark");
      await page.emulateMedia({ colorScheme: "light" });
      // Another pattern needs its own dry run.
      await dialog.getByLabel("Pattern").fill("bulk:1*");
      await expect(dialog.getByRole("button", { name: /^Delete/ })).toHaveCount(0);
      await dialog.getByLabel("Pattern").fill("bulk:*");
      await expect(run).toBeVisible();
      // Run, and close the dialog while the job runs: the list still refreshes when it ends.
      await run.click();
      await dialog.getByRole("button", { name: "Close" }).click();
      await expect(page.getByTestId("key-row")).toHaveCount(1, { timeout: 30_000 });
      await expect(page.getByTestId("key-row")).toContainText("keep:me");
      expect(await redis.dbsize()).toBe(1);
    });
  });
});
