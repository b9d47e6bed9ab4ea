import { expect, test } from "@playwright/test";
import { clusterKeyscope } from "./cluster-nodes";

// The Cluster page and the overview on a cluster of the spec's own (3 masters, 3 replicas)
// behind a production Keyscope: six nodes and the slot map, the overview's totals and its node
// picker, a paused replica as an error row, and the page's error when the cluster is gone.

const ks = clusterKeyscope();

test.beforeAll(async () => {
  // 300 keys with a non-UTF-8 byte, each written to the master that owns its slot.
  for (let i = 0; i < 300; i++) {
    const key = Buffer.from(`e2e:${i}:\xff`, "latin1");
    await ks.nodes.at(await ks.nodes.ownerOf(key)).set(key, "v");
  }
});

test("the cluster page shows six nodes and the slot map", async ({ page }) => {
  await page.goto(`${ks.server.base}/c/default/overview`);
  await page.getByRole("link", { name: "Cluster" }).click();
  await expect(page).toHaveURL(/\/c\/default\/cluster$/);
  // Gossip may still call a replica a master for a moment right after `cluster create`.
  await expect(page.locator('[data-testid="cluster-node"][data-role="replica"]')).toHaveCount(3, {
    timeout: 20_000,
  });
  await expect(page.getByTestId("cluster-node")).toHaveCount(6);
  await expect(page.getByTestId("slot-range")).toHaveCount(3);
  await expect(page.getByTestId("slot-gap")).toHaveCount(0);
  await expect(page.getByTestId("cluster-info")).toContainText("16,384 of 16,384");
  await page
    .getByTestId("slot-map")
    .locator("svg")
    .hover({ position: { x: 20, y: 10 } });
  await expect(page.getByTestId("slot-map")).toContainText("Slots 0–");
  await page.screenshot({ path: "e2e/screenshots/cluster-page-light.png", fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: "e2e/screenshots/cluster-page-dark.png", fullPage: true });
});

test("the overview shows the cluster's totals and one node when picked", async ({ page }) => {
  await page.goto(`${ks.server.base}/c/default/overview`);
  await expect(page.getByTestId("cluster-scope")).toContainText("summed over 3 masters");
  await expect(page.getByTestId("overview")).toContainText("300");
  await page.screenshot({ path: "e2e/screenshots/cluster-overview-light.png", fullPage: true });
  const picker = page.getByTestId("node-picker");
  const replica = await picker
    .locator("option", { hasText: "replica" })
    .first()
    .getAttribute("value");
  await picker.selectOption(replica as string);
  await expect(page.getByTestId("cluster-scope")).toContainText(`Node ${replica} alone`);
  await expect(page.getByTestId("overview")).toContainText("replica");
  await expect(page.getByTestId("persistence-card")).toContainText(replica as string);
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: "e2e/screenshots/cluster-overview-node-dark.png", fullPage: true });
});

test("a paused replica is an error row; a cluster that is gone is an error", async ({ page }) => {
  const masters = new Set((await ks.cluster.masters()).map((m) => m.port));
  const replica = ks.cluster.nodes.find((n) => !masters.has(n.port));
  replica?.pause();
  try {
    await page.goto(`${ks.server.base}/c/default/cluster`);
    await expect(page.locator('[data-testid="cluster-node"][data-error="true"]')).toHaveCount(1, {
      timeout: 20_000,
    });
    await expect(page.getByTestId("cluster-node")).toHaveCount(6);
    await page.screenshot({
      path: "e2e/screenshots/cluster-page-paused-replica.png",
      fullPage: true,
    });
  } finally {
    replica?.resume();
  }
  await ks.cluster.stop();
  await expect(page.getByText("Could not read the cluster")).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: "e2e/screenshots/cluster-page-unreachable.png", fullPage: true });
});
