import { expect, test } from "./fixtures";

// Issue 9: one 24-hour clock in the charts, the ops/s tile and chart on the same rate, and a
// maxmemory change below used memory warned about before it is applied. Nothing here changes
// the shared Redis: the dialog is cancelled.

test.use({ locale: "en-US", viewport: { width: 1440, height: 2000 } });

test("charts: a 24-hour tooltip, and the ops/s tile agrees with the chart", async ({ page }) => {
  await page.goto("/c/default/overview");
  const ops = page.getByTestId("chart-ops");
  await expect
    .poll(async () => Number(await ops.getAttribute("data-samples")), { timeout: 20_000 })
    .toBeGreaterThanOrEqual(3);
  // The tile and the chart's newest point are the sampler's same rate (both poll every 2 s,
  // so they may be a sample apart for a moment).
  const card = ops.locator("xpath=ancestor::div[contains(@class,'rounded-lg')][1]");
  await expect
    .poll(
      async () => {
        const tile =
          (await page.getByTestId("tile-ops").locator("span").nth(1).textContent()) ?? "";
        const chart = (await card.getByTestId("chart-value").textContent()) ?? "";
        return tile.trim() === chart.trim() && tile.trim() !== "";
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  const canvas = ops.locator("canvas").first();
  const box = await canvas.boundingBox();
  if (!box) throw new Error("no chart canvas");
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2);
  const time = card.getByTestId("chart-time");
  await expect(time).toHaveText(/^\d{2}:\d{2}:\d{2}$/); // 24-hour, no AM/PM in en-US
  await expect(
    page.getByTestId("chart-memory").locator("xpath=..").locator("xpath=.."),
  ).toBeVisible();
});

test("maxmemory below used memory is warned about with the figures before applying", async ({
  page,
  shot,
}) => {
  await page.goto("/c/default/overview");
  await page.getByRole("button", { name: "Edit maxmemory", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("New value").fill("100kb");
  const warning = dialog.getByTestId("setting-warning");
  await expect(warning).toContainText(/used .+, limit 100 KiB, policy /);
  await expect(warning).toContainText(/will be evicted at once|writes will fail/);
  const apply = dialog.getByRole("button", { name: "Apply (CONFIG SET)" });
  await expect(apply).toBeDisabled();
  await warning.getByLabel("Apply it anyway").check();
  await expect(apply).toBeEnabled();
  await shot(page, "overview-maxmemory-warning");
  await page.emulateMedia({ colorScheme: "dark" });
  await shot(page, "overview-maxmemory-warning-dark");
  // A roomy limit: no warning.
  await dialog.getByLabel("New value").fill("64gb");
  await expect(warning).toHaveCount(0);
  await expect(apply).toBeEnabled();
  await dialog.getByRole("button", { name: "Cancel" }).click();
});
