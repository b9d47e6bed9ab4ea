import { expect, test } from "@playwright/test";
import { clusterKeyscope } from "./cluster-nodes";

// Sharded pub/sub in the page on a cluster of the spec's own (3 masters, 3 replicas) behind a
// production Keyscope: subscribe to a sharded channel and a classic one, SPUBLISH from the form
// and from outside (bytes that are not UTF-8), see the messages with their "sharded" badge and
// the channel listed as sharded.

const ks = clusterKeyscope();
const channel = "orders:{eu}";

test.afterEach(async ({ page }) => {
  await page.goto("about:blank"); // ends the page's event stream
});

test("subscribe and publish sharded in the page, messages with their badge", async ({ page }) => {
  await page.goto(`${ks.server.base}/c/default/pubsub`);
  await expect(page.getByRole("heading", { name: "Pub/Sub" })).toBeVisible();
  const form = page.getByTestId("messages");
  const kinds = form.getByRole("group", { name: "Subscribe to" });
  await kinds.getByRole("button", { name: "Sharded" }).click();
  await form.getByRole("textbox", { name: "Sharded channel" }).fill(channel);
  await form.getByRole("button", { name: "Add" }).click();
  await kinds.getByRole("button", { name: "Channel" }).click();
  await form.getByRole("textbox", { name: "Channel" }).fill("news");
  await form.getByRole("button", { name: "Add" }).click();
  await expect(form.getByRole("list", { name: "Subscriptions" }).locator("li")).toHaveCount(2);
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByTestId("subscribed")).toHaveText(
    "subscribed to 1 channel, 0 patterns, 1 sharded channel",
  );

  const publish = page.getByTestId("publish");
  await publish.getByRole("textbox", { name: "Channel" }).fill(channel);
  await publish.getByRole("textbox", { name: "Message" }).fill('{"order": 7}');
  await publish.getByRole("checkbox", { name: /Sharded channel/ }).check();
  await publish.getByRole("button", { name: "Publish" }).click();
  // Redis counts the clients of the node that answered; the page names it.
  await expect(publish.getByTestId("receivers")).toHaveText(
    /^Received by 1 client on 127\.0\.0\.1:\d+$/,
  );

  const owner = ks.nodes.at(await ks.nodes.ownerOf(channel));
  await owner.call("SPUBLISH", channel, Buffer.from([0x68, 0x69, 0xff, 0xfe]));
  const list = page.getByTestId("message-list");
  await expect(list).toContainText('{"order": 7}');
  await expect(list).toContainText("hi\\xff\\xfe");
  const rows = list.locator("[data-row]");
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) await expect(row).toContainText("sharded");

  // A classic publish reaches the classic subscription once, without the badge.
  await publish.getByRole("textbox", { name: "Channel" }).fill("news");
  await publish.getByRole("textbox", { name: "Message" }).fill("classic");
  await publish.getByRole("checkbox", { name: /Sharded channel/ }).uncheck();
  await publish.getByRole("button", { name: "Publish" }).click();
  await expect(list).toContainText("classic");
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: "classic" })).not.toContainText("sharded");

  const channels = page.getByTestId("channels");
  await channels.getByRole("button", { name: "Refresh" }).click();
  const listed = channels.locator("tr", { hasText: channel });
  await expect(listed).toContainText("sharded");
  await expect(channels.locator("tr", { hasText: "news" })).not.toContainText("sharded");

  await page.screenshot({ path: "test-results/screens/cluster-pubsub-light.png", fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.waitForTimeout(300);
  await page.screenshot({ path: "test-results/screens/cluster-pubsub-dark.png", fullPage: true });
});
