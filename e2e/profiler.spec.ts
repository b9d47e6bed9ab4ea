import type { Page } from "@playwright/test";
import type { Redis } from "ioredis";
import { expect, test } from "./fixtures";

// The profiler on the shared e2e Redis: the runs filter on this spec's own key prefix, so other
// specs' traffic never shows, and the keys are deleted at the end.
const prefix = `e2e-prof-${Date.now().toString(36)}:`;

async function traffic(redis: Redis, n: number) {
  for (let i = 0; i < n; i++) {
    await redis.set(`${prefix}user:${i % 4}`, `v${i}`);
    await redis.get(`${prefix}user:${i % 4}`);
  }
  await redis.set(Buffer.concat([Buffer.from(`${prefix}bin:`), Buffer.from([0xff, 0x00])]), "b");
}

async function startRun(page: Page, opts: { seconds?: string } = {}) {
  if (opts.seconds) await page.getByLabel("Duration").selectOption(opts.seconds);
  await page.getByLabel("Key").fill(`${prefix}*`);
  await page.getByTestId("profiler-toggle").click();
  // "live" once the server says MONITOR runs: every command from then on is seen.
  await expect(page.getByText("live", { exact: true })).toBeVisible();
}

test.describe("profiler", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test.afterAll(async () => {
    const { Redis } = await import("ioredis");
    const redis = new Redis(process.env.E2E_REDIS_URL as string, { protocol: 2 });
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  test("streams the filtered commands, pauses, stops with a summary, light and dark", async ({
    page,
    redis,
    shot,
  }) => {
    await page.goto("/c/default/profiler");
    await expect(page.getByTestId("profiler-empty")).toContainText("decreases Redis's throughput");
    await shot(page, "profiler-empty");

    await startRun(page);
    await traffic(redis, 40);
    const list = page.getByTestId("monitor-list");
    await expect(list).toContainText(`"${prefix}bin:\\xff\\x00"`);
    await expect(page.getByTestId("received")).toHaveText("81");
    // Only this spec's keys pass the key filter: no line without the prefix.
    const texts = await page.getByTestId("monitor-line").allInnerTexts();
    expect(texts.length).toBeGreaterThan(10);
    for (const t of texts) expect(t).toContain(prefix);

    // Paused: the stream goes on and counts, the list stays as it was.
    await page.getByRole("button", { name: "Pause" }).click();
    const shown = await page.getByTestId("monitor-line").count();
    await redis.set(`${prefix}while-paused`, "1");
    await expect(page.getByText("Arrived while paused")).toBeVisible();
    expect(await page.getByTestId("monitor-line").count()).toBe(shown);
    await page.getByRole("button", { name: "Resume" }).click();

    await page.getByTestId("profiler-toggle").click();
    const summary = page.getByTestId("profiler-summary");
    await expect(summary).toContainText("Summary of what this page received");
    await expect(summary).toContainText("SET");
    await expect(summary).toContainText(`${prefix}user:`);
    await shot(page, "profiler-light");

    // Dark, a run that ends by its time limit: the server's own summary.
    await page.emulateMedia({ colorScheme: "dark" });
    await startRun(page, { seconds: "10" });
    await traffic(redis, 25);
    await expect(summary).toContainText("Summary of the run", { timeout: 15_000 });
    await expect(summary).toContainText("51"); // 25 SET + 25 GET + 1 SET matched
    await shot(page, "profiler-dark");
  });

  test("says why a run cannot start (429: too many streams)", async ({ page, shot }) => {
    await page.route("**/api/connections/default/monitor**", (route) =>
      route.fulfill({
        status: 429,
        contentType: "application/json",
        body: JSON.stringify({
          error: {
            code: "TOO_MANY_REQUESTS",
            message:
              '8 streams are already open on connection "default" (KEYSCOPE_MAX_STREAMS); close one first.',
          },
        }),
      }),
    );
    await page.goto("/c/default/profiler");
    await page.getByTestId("profiler-toggle").click();
    await expect(page.getByRole("alert").filter({ hasText: "Too many streams" })).toContainText(
      "KEYSCOPE_MAX_STREAMS",
    );
    await shot(page, "profiler-error");
  });
});
