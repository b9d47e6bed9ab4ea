import { expect, type Page, test } from "@playwright/test";
import { Cluster } from "ioredis";
import {
  type RedisCluster,
  type SentinelSetup,
  startCluster,
  startSentinel,
} from "../scripts/lib/redis-cluster.mjs";
import { type RedisProcess, startRedis } from "../scripts/lib/redis-server.mjs";
import { type ProductionServer, startProductionKeyscope } from "./production-server";

// Cluster and sentinel connections made in the browser: the form's mode picker with one seed
// node (test: "cluster, 3 masters"), the saved row's mode badge and seeds, its keys and the
// Cluster link; a sentinel set-up by its sentinel and master name, and the Sentinel page naming
// the master; a bad seed caught on its row with nothing saved. A cluster, a sentinel set-up and
// a production Keyscope of the spec's own, whose only environment connection is a default.

let cluster: RedisCluster;
let sentinel: SentinelSetup;
let plain: RedisProcess;
let server: ProductionServer;

test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);

test.beforeAll(async () => {
  [cluster, sentinel, plain] = await Promise.all([startCluster(), startSentinel(), startRedis()]);
  // Text keys only here: ioredis's Cluster routes a string key by its UTF-8 bytes, correctly.
  const c = new Cluster([{ host: "127.0.0.1", port: cluster.ports[0] as number }]);
  await c.mset({ "modes:alpha": "1" });
  await c.set("modes:beta", "2");
  await c.quit();
  server = await startProductionKeyscope(plain.url, {});
});

test.afterAll(async () => {
  server?.stop();
  await Promise.all([cluster?.stop(), sentinel?.stop(), plain?.stop()]);
});

const form = (page: Page) => page.getByTestId("connection-form");
const rowOf = (page: Page, text: string) =>
  page.getByTestId("saved-connections").locator("li", { hasText: text });

async function screen(page: Page, name: string, scheme: "light" | "dark") {
  await page.emulateMedia({ colorScheme: scheme });
  // Buttons fade their colours (transition-colors, 150 ms): let them settle.
  await page.waitForTimeout(300);
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });
}

async function savedNames(): Promise<string[]> {
  const res = await fetch(`${server.base}/api/connections`);
  const { connections } = (await res.json()) as {
    connections: { name: string; source: string }[];
  };
  return connections.filter((c) => c.source === "saved").map((c) => c.name);
}

test("a cluster added by the form with one seed: test, save, open, keys and Cluster link", async ({
  page,
}) => {
  await page.goto(`${server.base}/connections`);
  await page.getByRole("button", { name: "Add connection" }).first().click();
  await page.getByLabel("Name", { exact: true }).fill("Shop cluster");
  await page.getByRole("radio", { name: "Cluster", exact: true }).click();
  // The standalone fields give way to the seed rows; a cluster has database 0 only.
  await expect(page.getByLabel("Host", { exact: true })).toHaveCount(0);
  await expect(page.getByLabel("Databases", { exact: true })).toHaveCount(0);
  await page.getByLabel("Seed node 1", { exact: true }).fill(cluster.seeds[0] as string);
  await page.getByRole("button", { name: "Test", exact: true }).click();
  await expect(page.getByTestId("test-ok")).toContainText("cluster, 3 masters");
  await screen(page, "connections-form-cluster-light", "light");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(form(page)).toBeHidden();

  const row = rowOf(page, "Shop cluster");
  await expect(row.getByTestId("mode-badge")).toHaveText("cluster");
  await expect(row).toContainText(`seeds ${cluster.seeds[0]}`);
  await expect(row.getByTestId("state")).toContainText("2 keys");

  // Editing shows the mode and the seed it was saved with.
  await row.getByRole("button", { name: "Edit", exact: true }).click();
  await expect(page.getByRole("radio", { name: "Cluster", exact: true })).toHaveAttribute(
    "aria-checked",
    "true",
  );
  await expect(page.getByLabel("Seed node 1", { exact: true })).toHaveValue(
    cluster.seeds[0] as string,
  );
  await page.getByRole("button", { name: "Cancel", exact: true }).click();

  await row.getByRole("link", { name: "Shop cluster" }).click();
  await expect(page).toHaveURL(/\/c\/[^/]+\/db\/0$/);
  await expect(page.getByTestId("key-row")).toHaveCount(2);
  await expect(page.getByTestId("key-list")).toContainText("modes:alpha");
  await page.getByRole("link", { name: "Cluster", exact: true }).click();
  await expect(page).toHaveURL(/\/cluster$/);
  await expect(page.getByTestId("slot-range")).toHaveCount(3);
});

test("a sentinel set-up added by the form: the Sentinel page names the master", async ({
  page,
}) => {
  const sentinelAddr = `127.0.0.1:${sentinel.sentinel.port}`;
  const masterAddr = `127.0.0.1:${await sentinel.currentMasterPort()}`;
  await page.goto(`${server.base}/connections`);
  await page.getByRole("button", { name: "Add connection" }).first().click();
  await page.getByLabel("Name", { exact: true }).fill("Sessions");
  await page.getByRole("radio", { name: "Sentinel", exact: true }).click();
  await page.getByLabel("Sentinel 1", { exact: true }).fill(sentinelAddr);
  await page.getByLabel("Master name", { exact: true }).fill("not-watched");
  await page.getByRole("button", { name: "Test", exact: true }).click();
  await expect(page.getByTestId("test-error")).toBeVisible();
  await page.getByLabel("Master name", { exact: true }).fill(sentinel.masterName);
  await page.getByRole("button", { name: "Test", exact: true }).click();
  await expect(page.getByTestId("test-ok")).toContainText(`sentinel, master ${masterAddr}`);
  await screen(page, "connections-form-sentinel-dark", "dark");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(form(page)).toBeHidden();

  const row = rowOf(page, "Sessions");
  await expect(row.getByTestId("mode-badge")).toHaveText("sentinel");
  await expect(row).toContainText(`${sentinel.masterName} via sentinels ${sentinelAddr}`);
  await screen(page, "connections-list-modes-light", "light");
  // Editing opens in Sentinel mode with its sentinel and master name.
  await row.getByRole("button", { name: "Edit", exact: true }).click();
  await expect(page.getByRole("radio", { name: "Sentinel", exact: true })).toHaveAttribute(
    "aria-checked",
    "true",
  );
  await expect(page.getByLabel("Sentinel 1", { exact: true })).toHaveValue(sentinelAddr);
  await expect(page.getByLabel("Master name", { exact: true })).toHaveValue(sentinel.masterName);
  await page.getByRole("button", { name: "Cancel", exact: true }).click();

  await row.getByRole("link", { name: "Sessions" }).click();
  await page.getByRole("link", { name: "Sentinel", exact: true }).click();
  await expect(page).toHaveURL(/\/sentinel$/);
  await expect(page.getByTestId("sentinel-master-addr")).toHaveText(masterAddr);
  await expect(page.getByTestId("sentinel-master")).toContainText(sentinel.masterName);
  await expect(page.getByTestId("sentinel-replicas-row")).toHaveCount(1);
  await expect(page.getByTestId("sentinel-replicas")).toContainText(
    `127.0.0.1:${sentinel.replica.port}`,
  );
  await expect(page.getByTestId("sentinel-sentinels-row")).toHaveCount(1);
  await screen(page, "sentinel-page-light", "light");
  await screen(page, "sentinel-page-dark", "dark");
});

test("a bad seed shows the error on its row and saves nothing", async ({ page }) => {
  const before = await savedNames();
  await page.goto(`${server.base}/connections`);
  await page.getByRole("button", { name: "Add connection" }).first().click();
  await page.getByLabel("Name", { exact: true }).fill("Broken cluster");
  await page.getByRole("radio", { name: "Cluster", exact: true }).click();
  await page.getByLabel("Seed node 1", { exact: true }).fill("nohost");
  await page.getByRole("button", { name: "Add a seed node" }).click();
  await page.getByLabel("Seed node 2", { exact: true }).fill(cluster.seeds[1] as string);
  const rows = page.getByTestId("nodes-rows");
  // Test is not checked in the browser: the server's 400 lands on the row it names.
  await page.getByRole("button", { name: "Test", exact: true }).click();
  await expect(rows).toContainText('must be "host:port" or a redis:// URL');
  // Editing the list clears its rows' errors.
  await page.getByLabel("Seed node 2", { exact: true }).fill(cluster.seeds[2] as string);
  await expect(rows).not.toContainText("must be");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(rows).toContainText('must be "host:port" or a redis:// URL');
  await expect(page.getByLabel("Seed node 1", { exact: true })).toHaveAttribute(
    "aria-invalid",
    "true",
  );
  await expect(page.getByLabel("Seed node 2", { exact: true })).not.toHaveAttribute(
    "aria-invalid",
    /.*/,
  );
  await expect(form(page)).toBeVisible();
  expect(await savedNames()).toEqual(before);
  // Removing the bad row clears its error and keeps the good one.
  await page.getByRole("button", { name: "Remove seed node 1" }).click();
  await expect(rows).not.toContainText("must be");
  await expect(page.getByLabel("Seed node 1", { exact: true })).toHaveValue(
    cluster.seeds[2] as string,
  );
  await page.getByRole("button", { name: "Cancel", exact: true }).click();
  expect(await savedNames()).toEqual(before);
});
