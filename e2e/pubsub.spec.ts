import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// Pub/Sub in the page: subscribe (a text channel and a pattern), publish from the form and from
// outside, messages with bytes that are not UTF-8 shown escaped; read-only refuses publishing;
// 429 when every stream slot of the connection is taken. Channels carry this run's prefix.

const prefix = `e2e-ps-${Date.now().toString(36)}`;

async function addSubscription(page: Page, kind: "Channel" | "Pattern", name: string) {
  const form = page.getByTestId("messages");
  await form
    .getByRole("group", { name: "Subscribe to" })
    .getByRole("button", { name: kind })
    .click();
  await form
    .getByRole("textbox", { name: kind === "Channel" ? "Channel" : "Pattern (glob)" })
    .fill(name);
  await form.getByRole("button", { name: "Add" }).click();
}

async function shotBoth(page: Page, shot: (p: Page, n: string) => Promise<void>, name: string) {
  await shot(page, `${name}-light`);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.waitForTimeout(300);
  await shot(page, `${name}-dark`);
  await page.emulateMedia({ colorScheme: "light" });
}

test.describe("pub/sub", () => {
  // Leaving ends the page's streams: the fixture that reads every response body waits for
  // each body to end, and an open event stream never does.
  test.afterEach(async ({ page }) => {
    await page.goto("about:blank");
  });
  test("subscribe, publish from the page and from outside, see the messages and channels", async ({
    page,
    redis,
    shot,
  }) => {
    await page.goto("/c/default/pubsub");
    await expect(page.getByRole("heading", { name: "Pub/Sub" })).toBeVisible();
    await expect(page.getByTestId("message-list")).toContainText("Add a channel or a pattern");
    await shot(page, "pubsub-empty");

    await addSubscription(page, "Channel", `${prefix}:orders`);
    await addSubscription(page, "Pattern", `${prefix}:p:*`);
    await page.getByRole("button", { name: "Subscribe" }).click();
    await expect(page.getByTestId("subscribed")).toHaveText("subscribed to 1 channel, 1 pattern");

    const publish = page.getByTestId("publish");
    await publish.getByRole("textbox", { name: "Channel" }).fill(`${prefix}:orders`);
    await publish.getByRole("textbox", { name: "Message" }).fill('{"id": 42, "total": 9.5}');
    await publish.getByRole("button", { name: "Publish" }).click();
    await expect(publish.getByTestId("receivers")).toHaveText("Received by 1 client");
    await redis.publish(`${prefix}:p:eu`, Buffer.from([0x68, 0x69, 0xff, 0x00]));
    const list = page.getByTestId("message-list");
    await expect(list).toContainText('{"id": 42, "total": 9.5}');
    await expect(list).toContainText("hi\\xff\\x00");
    await expect(list.locator("[data-row]").first()).toContainText(`${prefix}:p:*`);
    await expect(list.locator("[data-row]")).toHaveCount(2);

    const channels = page.getByTestId("channels");
    await channels.getByRole("textbox", { name: "Filter channels" }).fill(`${prefix}:*`);
    await channels.getByRole("textbox", { name: "Filter channels" }).press("Enter");
    await expect(channels.getByRole("row", { name: new RegExp(`${prefix}:orders`) })).toContainText(
      "1",
    );
    await shotBoth(page, shot, "pubsub");

    // Pausing keeps what is shown and counts what arrives meanwhile.
    await page.getByRole("button", { name: "Pause" }).click();
    await redis.publish(`${prefix}:orders`, "while paused");
    await expect(page.getByTestId("loss-note")).toHaveText("1 skipped while paused");
    await expect(list.locator("[data-row]")).toHaveCount(2);
    await page.getByRole("button", { name: "Stop" }).click();
    await expect.poll(async () => (await redis.pubsub("NUMSUB", `${prefix}:orders`))[1]).toBe(0);
  });

  test("a read-only connection subscribes but does not publish", async ({ page, redis }) => {
    await page.goto("/c/ro/pubsub");
    const publish = page.getByTestId("publish");
    await expect(publish).toContainText("Read-only connection: publishing is a write.");
    await publish.getByRole("textbox", { name: "Channel" }).fill(`${prefix}:ro`);
    await expect(publish.getByRole("button", { name: "Publish" })).toBeDisabled();
    await addSubscription(page, "Channel", `${prefix}:ro`);
    await page.getByRole("button", { name: "Subscribe" }).click();
    await expect(page.getByTestId("subscribed")).toBeVisible();
    await redis.publish(`${prefix}:ro`, "seen from a read-only page");
    await expect(page.getByTestId("message-list")).toContainText("seen from a read-only page");
  });

  test("says so when every stream slot of the connection is taken (429)", async ({
    page,
    shot,
  }) => {
    await page.goto("/c/prod/pubsub");
    // Eight streams (KEYSCOPE_MAX_STREAMS) held open from here: a browser opens at most six
    // connections to one HTTP/1.1 origin, so the page itself could not hold eight.
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const held = new AbortController();
    for (let i = 0; i < 8; i++) {
      const url = `${process.env.E2E_BASE_URL}/api/connections/prod/pubsub/subscribe?channel=${prefix}:held${i}`;
      const res = await fetch(url, { headers: { cookie }, signal: held.signal });
      expect(res.status).toBe(200);
    }
    await addSubscription(page, "Channel", `${prefix}:one-more`);
    await page.getByRole("button", { name: "Subscribe" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /./ })).toContainText(
      "Too many live streams on this connection",
    );
    await expect(page.getByRole("alert").filter({ hasText: /./ })).toContainText(
      "KEYSCOPE_MAX_STREAMS",
    );
    await page.waitForTimeout(300);
    await shot(page, "pubsub-error");
    held.abort();
  });
});
