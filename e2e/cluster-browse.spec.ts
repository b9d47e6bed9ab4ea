import { writeFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import type { Redis } from "ioredis";
import { type ClusterRouter, connectClusterRouter } from "../scripts/lib/demo/cluster-router.mjs";
import { type RedisCluster, startCluster } from "../scripts/lib/redis-cluster.mjs";
import { tempPath } from "../scripts/lib/redis-server.mjs";
import { type ProductionServer, startProductionKeyscope } from "./production-server";

// The key browser and a bulk job on a cluster of the spec's own (3 masters, 3 replicas) behind
// a production Keyscope: a full walk lists every key once, a hash and a 50k-item list open from
// the master that owns them, TTL and delete reach that master, a bulk delete by pattern clears
// every master, a read-only cluster connection refuses edits, and a stopped cluster is an error.

let cluster: RedisCluster;
let server: ProductionServer;
/** Sends each key to the master owning its slot (binary names hashed from their bytes). */
let router: ClusterRouter;

const BROWSE = 1200; // e2e:key:<n>, every 5th one with a \xff in its name
const BULK = 600; // bulk:<n>, deleted by the bulk job
const bin = (i: number) =>
  Buffer.concat([Buffer.from("e2e:bin:"), Buffer.from([0xff]), Buffer.from(`:${i}`)]);
const HASH = "e2e:hash";
const LIST = "e2e:list:50k";
const TTL_KEY = "e2e:ttl";
const DOOMED = "e2e:delete-me";
const TOTAL = BROWSE + BULK + 4;

test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);

const screen = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

/** How many keys matching `pattern` each master holds (plain SCAN per master). */
async function countPerMaster(pattern: string): Promise<number[]> {
  return Promise.all(
    router.masters.map(async (m: Redis) => {
      let n = 0;
      let cursor = "0";
      do {
        const [next, keys] = await m.scan(cursor, "MATCH", pattern, "COUNT", 1000);
        n += keys.length;
        cursor = next;
      } while (cursor !== "0");
      return n;
    }),
  );
}

test.beforeAll(async () => {
  cluster = await startCluster();
  router = await connectClusterRouter({ host: "127.0.0.1", port: cluster.ports[0] as number });
  const p = router.pipeline();
  for (let i = 0; i < BROWSE; i++) p.set(i % 5 === 0 ? bin(i) : `e2e:key:${i}`, `v${i}`);
  for (let i = 0; i < BULK; i++) p.set(`bulk:${i}`, "x");
  p.hset(HASH, ...Array.from({ length: 40 }, (_, i) => [`field:${i}`, `value ${i}`]).flat());
  p.set(TTL_KEY, "expires", "EX", 3600);
  p.set(DOOMED, "bye");
  await p.exec();
  for (let i = 0; i < 50_000; i += 5000) {
    await router.rpush(LIST, ...Array.from({ length: 5000 }, (_, j) => `item ${i + j}`));
  }
  // A second connection to the same cluster, read-only, from a connections file.
  const file = `${tempPath("keyscope-e2e-conns-")}.json`;
  writeFileSync(
    file,
    JSON.stringify([
      {
        id: "ro",
        name: "cluster (read-only)",
        mode: "cluster",
        nodes: cluster.seeds.map((s) => `redis://${s}`),
        readOnly: true,
      },
    ]),
  );
  server = await startProductionKeyscope(cluster.url, { KEYSCOPE_CONNECTIONS: file });
});

test.afterAll(async () => {
  router?.disconnect();
  server?.stop();
  await cluster?.stop();
});

test("the key list walks every master: each key once, the count is the summed dbsize", async ({
  page,
}) => {
  const perMaster = await Promise.all(router.masters.map((m: Redis) => m.dbsize()));
  for (const n of perMaster) expect(n).toBeGreaterThan(300); // every master holds keys
  expect(perMaster.reduce((a, b) => a + b, 0)).toBe(TOTAL);

  // Every key the page is sent, from the first page to the end of Scan all.
  const seen = new Set<string>();
  const reads: Promise<void>[] = [];
  const collect = (res: import("@playwright/test").Response) => {
    if (!/\/db\/0\/keys\?/.test(res.url()) || !res.ok()) return;
    reads.push(
      res.json().then((json: { keys: { key: unknown }[] }) => {
        for (const k of json.keys) seen.add(JSON.stringify(k.key));
      }),
    );
  };
  page.on("response", collect);
  await page.goto(`${server.base}/c/default/db/0`);
  const status = page.getByTestId("scan-status");
  await expect(status).toContainText(`of ${TOTAL.toLocaleString("en")} keys`);
  await expect(page.getByTestId("key-row").first()).toBeVisible();
  await page.getByRole("button", { name: "Scan all" }).click();
  const all = TOTAL.toLocaleString("en");
  await expect(status).toContainText(`${all} of ${all} keys · scan complete`, { timeout: 30_000 });
  page.off("response", collect);
  await Promise.all(reads);
  // The list holds as many rows as the cluster holds keys, and they are every key: none lost,
  // so none twice.
  expect(seen.size).toBe(TOTAL);
  // The walk restarted nowhere, so no key was listed twice.
  await expect(page.getByText("restarted")).toHaveCount(0);
  await screen(page, "cluster-browse-list-light");
  await page.emulateMedia({ colorScheme: "dark" });
  await page.waitForTimeout(400); // colour transitions
  await screen(page, "cluster-browse-list-dark");
  await page.emulateMedia({ colorScheme: "light" });

  // The binary names arrive as their bytes and show escaped.
  await page.getByLabel("Filter keys (glob)").fill("e2e:bin:*");
  await expect(status).toContainText(`${BROWSE / 5} matching keys`, { timeout: 30_000 });
  await expect(page.getByTestId("key-row").first()).toContainText("e2e:bin:\\xff:");
});

test("a pattern that matches nothing is an empty list, not an error", async ({ page }) => {
  await page.goto(`${server.base}/c/default/db/0?match=${encodeURIComponent("nothing:here:*")}`);
  const empty = page.getByTestId("empty-keys");
  await expect(empty).toBeVisible({ timeout: 30_000 });
  // A busy machine may end the first page's scan budget before the last master: walk on.
  const scanAll = page.getByRole("button", { name: "Scan all" });
  if (await scanAll.isVisible()) await scanAll.click();
  await expect(empty).toContainText("No key matches this filter.", { timeout: 30_000 });
  await expect(page.getByTestId("scan-status")).toContainText("scan complete");
  await screen(page, "cluster-browse-empty");
});

test("a hash and the 50k-item list open from their masters, the list in windows", async ({
  page,
}) => {
  await page.goto(`${server.base}/c/default/db/0?key=${encodeURIComponent(HASH)}`);
  await expect(page.getByTestId("key-details")).toBeVisible();
  await expect(page.getByTestId("scan-more")).toContainText("40 of 40 fields");
  await expect(page.getByTestId("value-row").filter({ hasText: "value 7" }).first()).toBeVisible();

  await page.goto(`${server.base}/c/default/db/0?key=${encodeURIComponent(LIST)}`);
  const win = page.getByTestId("list-window");
  await expect(win).toHaveText("Items 0–99 of 50,000");
  await page.getByRole("button", { name: "Tail ⇥" }).click();
  await expect(win).toHaveText("Items 49,900–49,999 of 50,000");
  await page.getByLabel("Jump to index").fill("25000");
  await page.getByRole("button", { name: "Go" }).click();
  await expect(win).toHaveText("Items 25,000–25,099 of 50,000");
  await expect(page.getByTestId("value-row").first()).toContainText("item 25000");
  // Windowed: one window of rows in the page, not 50k.
  expect(await page.getByTestId("value-row").count()).toBeLessThanOrEqual(100);
  await screen(page, "cluster-browse-big-list");
});

test("a TTL edit and a delete reach the master that owns the key", async ({ page }) => {
  await page.goto(`${server.base}/c/default/db/0?key=${encodeURIComponent(TTL_KEY)}`);
  await page.getByLabel("TTL duration").fill("2m");
  await page.getByRole("button", { name: "Set TTL" }).click();
  await expect(page.getByTestId("ttl-countdown")).toHaveText(/^(2m 0s|1m [1-5]\ds)$/);
  const ttl = await router.ttl(TTL_KEY);
  expect(ttl).toBeGreaterThan(100);
  expect(ttl).toBeLessThanOrEqual(120);

  await page.goto(`${server.base}/c/default/db/0?key=${encodeURIComponent(DOOMED)}`);
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("Select a key")).toBeVisible();
  expect(await router.exists(DOOMED)).toBe(0);
});

test("a bulk delete by pattern runs on every master with one progress bar", async ({ page }) => {
  const before = await countPerMaster("bulk:*");
  for (const n of before) expect(n).toBeGreaterThan(100);
  await page.goto(`${server.base}/c/default/db/0`);
  await page.getByRole("button", { name: /Bulk actions/ }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Pattern").fill("bulk:*");
  await dialog.getByRole("button", { name: "Dry run" }).click();
  const progress = dialog.getByTestId("bulk-progress");
  await expect(progress).toHaveAttribute("data-state", "done", { timeout: 30_000 });
  await expect(dialog.getByTestId("bulk-matched")).toHaveText(BULK.toLocaleString("en"));
  await dialog.getByRole("button", { name: `Delete ${BULK} keys` }).click();
  await expect(progress).toHaveAttribute("data-state", "done", { timeout: 30_000 });
  await expect(dialog.getByTestId("bulk-affected")).toHaveText(BULK.toLocaleString("en"));
  await expect(progress.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  await screen(page, "cluster-browse-bulk-done");
  expect(await countPerMaster("bulk:*")).toEqual([0, 0, 0]);
  expect(await countPerMaster("e2e:*")).not.toContain(0); // the rest stays on every master
  await dialog.getByRole("button", { name: "Close" }).click();
});

test("a read-only cluster connection shows no edits and refuses them", async ({ page }) => {
  await page.goto(`${server.base}/c/ro/db/0?key=${encodeURIComponent(HASH)}`);
  await expect(page.getByText("read-only", { exact: true })).toBeVisible();
  await expect(page.getByTestId("key-details")).toBeVisible();
  await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Set TTL" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Bulk actions/ })).toHaveCount(0);
  await screen(page, "cluster-browse-read-only");
  // Import stays visible to say why it is refused, with its run disabled.
  await page.getByRole("button", { name: "Import keys into database 0" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("an import writes keys, so it is refused");
  await expect(dialog.getByRole("button", { name: "Import", exact: true })).toBeDisabled();
  await dialog.getByRole("button", { name: "Close" }).click();
  // The API refuses what the page no longer offers (sent from the page: same origin).
  const statuses = await page.evaluate(async (key) => {
    const q = `key=${encodeURIComponent(key)}`;
    const del = await fetch(`/api/connections/ro/db/0/key?${q}`, { method: "DELETE" });
    const ttl = await fetch(`/api/connections/ro/db/0/key/ttl?${q}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ttl: 60 }),
    });
    return [del.status, ttl.status];
  }, HASH);
  expect(statuses).toEqual([403, 403]);
  expect(await router.exists(HASH)).toBe(1);
  expect(await router.ttl(HASH)).toBe(-1);
});

test("a cluster that is gone is an error in the key list", async ({ page }) => {
  await page.goto(`${server.base}/c/default/db/0`);
  await expect(page.getByTestId("key-row").first()).toBeVisible();
  router.disconnect();
  await cluster.stop();
  await page.reload();
  await expect(page.getByText("Could not list keys")).toBeVisible({ timeout: 30_000 });
  await screen(page, "cluster-browse-error");
});
