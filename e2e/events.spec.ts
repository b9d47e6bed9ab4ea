import type { Page } from "@playwright/test";
import type { Redis } from "ioredis";
import { expect, test } from "./fixtures";

// Keyspace events in the page: the off notice and turning notifications on (old → new,
// confirmed) and back; events for matching keys only as keys are set through the API; the
// stream's connection killed under the page. Keys carry this run's prefix and are deleted.

const prefix = `e2e-ev-${Date.now().toString(36)}`;

async function shotBoth(page: Page, shot: (p: Page, n: string) => Promise<void>, name: string) {
  await shot(page, `${name}-light`);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.waitForTimeout(300);
  await shot(page, `${name}-dark`);
  await page.emulateMedia({ colorScheme: "light" });
}

async function killStreams(redis: Redis, name: string) {
  const list = (await redis.client("LIST")) as string;
  for (const line of list.split("\n"))
    if (line.includes(` name=${name} `)) {
      const id = line.match(/^id=(\d+)/)?.[1];
      if (id) await redis.client("KILL", "ID", id);
    }
}

test.describe("keyspace events", () => {
  // Leaving ends the page's streams: the fixture that reads every response body waits for
  // each body to end, and an open event stream never does.
  test.afterEach(async ({ page }) => {
    await page.goto("about:blank");
  });
  let before = "";
  test.beforeEach(async ({ redis }) => {
    before = ((await redis.config("GET", "notify-keyspace-events")) as string[])[1] ?? "";
    await redis.config("SET", "notify-keyspace-events", "");
  });
  test.afterEach(async ({ redis }) => {
    await redis.config("SET", "notify-keyspace-events", before);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  });

  test("off notice, turn on (confirmed), events for matching keys, turn back off", async ({
    page,
    redis,
    shot,
  }) => {
    await page.goto("/c/default/db/0/events");
    const notice = page.getByText('Keyspace notifications are off (notify-keyspace-events = "")');
    await expect(notice).toBeVisible();
    await expect(page.getByTestId("event-list")).toContainText("Listening… no event yet");
    await shot(page, "events-empty");

    await page.getByRole("textbox", { name: "Key pattern" }).fill(`${prefix}:user:*`);
    await page.getByRole("button", { name: "Restart" }).click();
    await page.getByRole("button", { name: "Turn on (KEA)" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText('"" → "KEA"');
    await dialog.getByRole("button", { name: 'Set "KEA"' }).click();
    await expect(page.getByRole("button", { name: 'Turn back off (restore "")' })).toBeVisible();
    const [, flags] = (await redis.config("GET", "notify-keyspace-events")) as string[];
    expect(flags).toMatch(/K/);

    // Keys set through the API: only the matching ones appear, once each.
    for (const key of [`${prefix}:user:1`, `${prefix}:order:1`, `${prefix}:user:2`]) {
      const res = await page.request.post("/api/connections/default/db/0/keys", {
        data: { type: "string", key, value: "v" },
        headers: { origin: process.env.E2E_BASE_URL as string },
      });
      expect(res.status(), await res.text()).toBe(201);
    }
    await redis.pexpire(`${prefix}:user:2`, 100);
    const list = page.getByTestId("event-list");
    await expect(list).toContainText("expired");
    await expect(list).toContainText(`${prefix}:user:1`);
    await expect(list).not.toContainText(`${prefix}:order:1`);
    await expect(page.getByTestId("counts")).toContainText("set2");
    const link = list.getByRole("link", { name: `${prefix}:user:1` });
    await expect(link).toHaveAttribute("href", /\/c\/default\/db\/0\?key64=/);
    await shotBoth(page, shot, "events");

    await page.getByRole("button", { name: 'Turn back off (restore "")' }).click();
    await page.getByRole("dialog").getByRole("button", { name: 'Set ""' }).click();
    await expect(notice).toBeVisible();
    expect(await redis.config("GET", "notify-keyspace-events")).toEqual([
      "notify-keyspace-events",
      "",
    ]);
  });

  test("a read-only connection listens but cannot turn notifications on", async ({ page }) => {
    await page.goto("/c/ro/db/0/events");
    await expect(
      page.getByText("Read-only connection: changing the setting is a write."),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: "Turn on (KEA)" })).toBeDisabled();
  });

  test("says the stream stopped when its Redis connection is killed", async ({
    page,
    redis,
    shot,
  }) => {
    await page.goto("/c/default/db/0/events");
    await expect(page.getByTestId("event-list")).toContainText("Listening");
    // The page's stream connection, once Redis lists it (it may lag the page's "Listening").
    await expect
      .poll(async () => ((await redis.client("LIST")) as string).includes(" name=keyscope-events "))
      .toBe(true);
    await killStreams(redis, "keyscope-events");
    await expect(page.getByRole("alert").filter({ hasText: /./ })).toContainText(
      "The stream stopped",
    );
    await page.waitForTimeout(300); // buttons fade their colours (transition-colors)
    await shot(page, "events-error");
  });
});
