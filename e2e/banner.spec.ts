import { startRedis } from "../scripts/lib/redis-server.mjs";
import { expect, test } from "./fixtures";

test("a banner says when Redis goes away, and the page recovers on its own", async ({
  page,
  shot,
}) => {
  await page.goto("/c/flaky/db/0");
  await expect(page.getByTestId("empty-keys")).toBeVisible();
  process.kill(Number(process.env.E2E_FLAKY_PID), "SIGTERM");
  const banner = page.getByTestId("redis-banner");
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expect(banner).toContainText("Redis is unreachable");
  await shot(page, "banner-redis-down");
  const again = await startRedis({ port: Number(process.env.E2E_FLAKY_PORT) });
  try {
    await expect(banner).toBeHidden({ timeout: 20_000 });
    await expect(page.getByTestId("empty-keys")).toBeVisible();
  } finally {
    await again.stop();
  }
});
