import { expect, test } from "./fixtures";
import { E2E } from "./seed";

test.describe("key browser", () => {
  test("lists, filters, opens and edits keys", async ({ page, redis, shot }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/c\/default\/db\/0$/);
    const rows = page.getByTestId("key-row");
    await expect(rows.first()).toBeVisible();
    await expect(page.getByTestId("scan-status")).toContainText(/of 3,0\d\d keys/);
    // Virtualised: a few dozen rows in the DOM, not hundreds.
    expect(await rows.count()).toBeLessThan(80);
    await shot(page, "browser-list");

    // "/" focuses the filter; a bare prefix gets a "*" and lands in the URL.
    await page.locator("body").press("/");
    await expect(page.getByLabel("Filter keys (glob)")).toBeFocused();
    await page.keyboard.type("app:");
    await expect(page).toHaveURL(/match=app%3A\*/);
    await expect(page.getByText("SCAN MATCH")).toBeVisible();
    // 43 seeded, less app:rate:1.2.3.4 once its 90 s TTL has run out (a slow run gets there).
    let appKeys = 0;
    for await (const batch of redis.scanStream({ match: "app:*", count: 1000 }))
      appKeys += (batch as string[]).length;
    await expect(page.getByTestId("scan-status")).toContainText(`${appKeys} matching keys`);

    // Arrow keys move, Enter opens.
    await page.getByTestId("key-list").focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("key-details")).toBeVisible();

    // Open the JSON key: pretty-printed, big integer exact.
    await page.getByLabel("Filter keys (glob)").fill(E2E.jsonKey);
    await expect(rows).toHaveCount(1);
    await rows.first().click();
    await expect(page).toHaveURL(/key=app%3Aconfig%3Ajson/);
    await expect(page.getByTestId("value-text")).toContainText('"id": 12345678901234567890');
    await shot(page, "browser-json");

    // Set a TTL: the countdown shows and Redis has it.
    await page.getByLabel("TTL duration").fill("2m");
    await page.getByRole("button", { name: "Set TTL" }).click();
    await expect(page.getByTestId("ttl-countdown")).toHaveText(/^(2m 0s|1m 5\ds)$/);
    expect(await redis.ttl(E2E.jsonKey)).toBeGreaterThan(100);
    // Bad TTLs are refused in the form before they reach the server.
    await page.getByLabel("TTL duration").fill("1.5");
    await page.getByRole("button", { name: "Set TTL" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "whole number" })).toBeVisible();
    await page.getByRole("button", { name: "Remove TTL" }).click();
    await expect(page.getByText("no expiry")).toBeVisible();
    expect(await redis.ttl(E2E.jsonKey)).toBe(-1);

    // Rename refuses to overwrite, then renames.
    await redis.set("app:config:taken", "x");
    await page.getByRole("button", { name: "Rename" }).click();
    await page.getByLabel("New key name").fill("app:config:taken");
    await page.getByRole("dialog").getByRole("button", { name: "Rename" }).click();
    await expect(page.getByText("already exists")).toBeVisible();
    await page.getByLabel("New key name").fill("app:config:renamed");
    await page.getByRole("dialog").getByRole("button", { name: "Rename" }).click();
    await expect(page).toHaveURL(/key=app%3Aconfig%3Arenamed/);
    expect(await redis.exists("app:config:renamed")).toBe(1);

    // Delete with a confirmation.
    await page.getByRole("button", { name: "Delete" }).click();
    await shot(page, "browser-delete-confirm");
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect(page.getByText("Select a key")).toBeVisible();
    expect(await redis.exists("app:config:renamed")).toBe(0);
    await redis.del("app:config:taken");
  });

  test("shows binary and odd keys without mangling them and renders values as text", async ({
    page,
    shot,
  }) => {
    await page.goto("/c/default/db/0?match=bin:*");
    // A loaded machine may end the first scan step (KEYSCOPE_SCAN_BUDGET_MS) before the key.
    await expect(page.getByTestId("scan-status")).toContainText(/keys/);
    const scanAll = page.getByRole("button", { name: "Scan all" });
    if (await scanAll.isVisible()) await scanAll.click();
    const row = page.getByTestId("key-row").first();
    await expect(row).toContainText("bin:\\xff\\xfe\\x01");
    await row.click();
    await expect(page).toHaveURL(/key64=/);
    await expect(page.getByTestId("key-details")).toContainText("bin:\\xff\\xfe\\x01");
    await expect(page.getByTestId("value-text")).toContainText("00 ff 10 41");
    await shot(page, "browser-binary");

    await page.goto(`/c/default/db/0?key=${encodeURIComponent("<img src=x onerror=alert(1)>")}`);
    await expect(page.getByTestId("value-text")).toHaveText("<script>window.__xss = 1</script>");
    expect(
      await page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
    ).toBeUndefined();
    await expect(page.getByTestId("key-details")).toContainText("<img src=x onerror=alert(1)>");
  });

  test("pages a big string in windows", async ({ page }) => {
    await page.goto(`/c/default/db/0?key=${E2E.bigKey}`);
    await expect(page.getByText("64 KiB of 293 KiB loaded")).toBeVisible();
    await page.getByRole("button", { name: /Load 64 KiB more/ }).click();
    await expect(page.getByText("128 KiB of 293 KiB loaded")).toBeVisible();
  });

  test("tree view, load more and scan all with progress", async ({ page, shot }) => {
    await page.goto("/c/default/db/0?view=tree");
    const folders = page.getByTestId("tree-folder");
    await expect(folders.filter({ hasText: "cache:" })).toBeVisible();
    await folders.filter({ hasText: "app:" }).click();
    await expect(folders.filter({ hasText: "user:" })).toBeVisible();
    await shot(page, "browser-tree");

    await page.goto("/c/default/db/0");
    const status = page.getByTestId("scan-status");
    await expect(status).toContainText(/^\d{3} of 3,0\d\d keys/);
    await page.getByRole("button", { name: "Load more" }).click();
    await expect(status).toContainText(/^(9|1,)\d+ of/);
    await page.getByRole("button", { name: "Scan all" }).click();
    await expect(status).toContainText("scan complete");
    await expect(status).toContainText(/^(3,0\d\d) of \1 keys/);
  });

  test("a scan-all list keeps its length when a bulk job makes it refetch", async ({
    page,
    redis,
  }) => {
    // 12,000 keys: 24 browse pages of 500, or 3 scan-all pages of 5,000. A refetch must ask
    // for the pages the list holds, so it must know how each of them was asked for.
    await redis.select(7);
    await redis.flushdb();
    const p = redis.pipeline();
    for (let i = 0; i < 12_000; i++) p.set(`walk:${String(i).padStart(5, "0")}`, "v");
    await p.exec();
    try {
      await page.goto("/c/default/db/7");
      const status = page.getByTestId("scan-status");
      await expect(status).toContainText(/^\d{3} of 12,000 keys/);
      await page.getByRole("button", { name: "Scan all" }).click();
      await expect(status).toContainText("12,000 of 12,000 keys · scan complete");
      // The last rows came from names-only pages: their type is fetched once they are on screen.
      await page.getByTestId("key-list").evaluate((el) => {
        el.scrollTop = el.scrollHeight;
      });
      const lastRow = page.getByTestId("key-row").last();
      await expect(lastRow).toContainText("str");
      await expect(lastRow).not.toContainText(/\dh \d+m/);

      // A TTL on every key: when the job ends, everything cached of the database is refetched.
      const refetched: string[] = [];
      await page.getByRole("button", { name: /Bulk actions/ }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByRole("radio", { name: "Set TTL" }).check();
      await dialog.getByLabel("Pattern").fill("walk:*");
      await dialog.getByLabel("TTL duration").fill("2h");
      await dialog.getByRole("button", { name: "Dry run" }).click();
      const runTtl = dialog.getByRole("button", { name: "Set TTL on 12,000 keys" });
      await expect(runTtl).toBeVisible();
      page.on("response", (res) => {
        if (/\/db\/7\/keys\?/.test(res.url())) refetched.push(res.url());
      });
      await runTtl.click();
      await expect(dialog.getByTestId("bulk-progress")).toHaveAttribute("data-state", "done");
      await expect(dialog.getByTestId("bulk-affected")).toHaveText("12,000");
      expect(await redis.ttl("walk:00001")).toBeGreaterThan(7000);
      await dialog.getByRole("button", { name: "Close" }).click();

      // The walk took at least three requests; once they are all answered again, the list
      // must be as long as before, and still complete.
      await expect.poll(() => refetched.length).toBeGreaterThanOrEqual(3);
      await page.waitForTimeout(1000);
      await expect(status).toContainText("12,000 of 12,000 keys · scan complete");
      // Past the first (browse) page, every page was asked for again as a Scan-all page:
      // 5000 names, without type and TTL.
      const later = refetched.filter((u) => !/[?&]cursor=0(&|$)/.test(u));
      expect(later.length).toBeGreaterThanOrEqual(2);
      expect(later.filter((u) => !/count=5000/.test(u) || !/meta=0/.test(u))).toEqual([]);
      // And the rows on screen show the TTL the job set: their type and TTL were refetched too.
      await expect(lastRow).toContainText(/[12]h \d+m/);
    } finally {
      await redis.flushdb();
      await redis.select(0);
    }
  });

  test("switches databases without a reload and shows empty states", async ({ page }) => {
    await page.goto("/c/default/db/0");
    await page.evaluate(() => {
      (window as unknown as { __noReload: boolean }).__noReload = true;
    });
    await page.getByLabel("Database", { exact: true }).selectOption("5");
    await expect(page).toHaveURL(/\/db\/5$/);
    await expect(page.getByTestId("empty-keys")).toHaveText("This database is empty.");
    expect(
      await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload),
    ).toBe(true);
    await page.goto("/c/default/db/0?match=no-such-prefix:*");
    await expect(page.getByTestId("empty-keys")).toContainText("No key matches this filter.");
  });

  test("read-only connection hides write controls", async ({ page, shot }) => {
    await page.goto("/c/ro/db/0?key=app%3Auser%3A1");
    await expect(page.getByText("read-only", { exact: true })).toBeVisible();
    await expect(page.getByTestId("key-details")).toBeVisible();
    await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Set TTL" })).toHaveCount(0);
    await shot(page, "browser-read-only");
  });

  test("dark mode follows the OS", async ({ page, shot }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`/c/default/db/0?key=${encodeURIComponent("app:user:7")}`);
    await expect(page.getByTestId("key-details")).toBeVisible();
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).not.toBe("rgb(255, 255, 255)");
    await shot(page, "browser-dark");
  });
});
