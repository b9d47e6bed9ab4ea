import { expect, type Page, test } from "@playwright/test";
import { clusterKeyscope } from "./cluster-nodes";

// The profiler and the console on a cluster of the spec's own (3 masters, 3 replicas) behind a
// production Keyscope: a run on every master shows each line's node, and the console runs a
// keyless command on a picked node and a key command on the master of its slot.

const ks = clusterKeyscope();
const nodes = ks.nodes;
const prefix = "e2e-tools:";

test.use({ viewport: { width: 1440, height: 900 } });

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

test("the profiler on every master shows lines with their nodes", async ({ page }) => {
  await page.goto(`${ks.server.base}/c/default/profiler`);
  const picker = page.getByTestId("profiler-node");
  await expect(picker).toContainText("All masters");
  // Six nodes to pick from, once gossip has settled the roles.
  await expect(picker.locator("option", { hasText: "replica" })).toHaveCount(3, {
    timeout: 20_000,
  });
  await page.getByLabel("Key").fill(`${prefix}*`);
  await page.getByTestId("profiler-toggle").click();
  await expect(page.getByText("live", { exact: true })).toBeVisible();
  // Keys until each master has one, sent to the master that owns it.
  const owners = new Set<number>();
  for (let i = 0; owners.size < 3 || i < 12; i++) {
    const key = Buffer.concat([Buffer.from(`${prefix}${i}:`), Buffer.from([0xff])]);
    const port = await nodes.ownerOf(key);
    owners.add(port);
    await nodes.at(port).set(key, `v${i}`);
  }
  for (const port of owners)
    await expect(
      page
        .getByTestId("monitor-node")
        .filter({ hasText: `127.0.0.1:${port}` })
        .first(),
    ).toBeVisible();
  await expect(page.getByTestId("monitor-list")).toContainText(`"${prefix}0:\\xff"`);
  await page.getByTestId("profiler-toggle").click();
  await expect(page.getByTestId("profiler-summary")).toBeVisible();
  // Per node, even in the summary the page builds itself after Stop.
  await expect(page.getByTestId("profiler-summary")).toContainText("Matched per node");
  await shot(page, "cluster-profiler-light");
  await page.emulateMedia({ colorScheme: "dark" });
  await shot(page, "cluster-profiler-dark");
});

test("the console runs INFO on a picked node and GET on the master of the key", async ({
  page,
}) => {
  const masters = new Set((await ks.cluster.masters()).map((m) => m.port));
  const replica = ks.cluster.ports.find((p) => !masters.has(p)) as number;
  const key = Buffer.from(`${prefix}greeting`);
  const owner = await nodes.ownerOf(key);
  await nodes.at(owner).set(key, "hello");

  await page.goto(`${ks.server.base}/c/default/db/0/cli`);
  const picker = page.getByTestId("console-node");
  await expect(picker).toContainText("Route by key");
  await expect(picker.locator("option", { hasText: "replica" })).toHaveCount(3, {
    timeout: 20_000,
  });
  const input = page.getByRole("textbox", { name: "Command" });
  const last = () => page.getByTestId("console-entry").last();

  await picker.selectOption(`127.0.0.1:${replica}`);
  await input.fill("INFO server");
  await input.press("Enter");
  await expect(last().locator("pre")).toContainText(`tcp_port:${replica}`);
  await expect(last().getByTestId("console-node-answer")).toHaveText(`127.0.0.1:${replica}`);

  await picker.selectOption("");
  await input.fill(`GET ${prefix}greeting`);
  await input.press("Enter");
  await expect(last().locator("pre")).toHaveText('"hello"');
  await expect(last().getByTestId("console-node-answer")).toHaveText(`→ 127.0.0.1:${owner}`);

  // Keyless without a node: the API's 400 names the nodes.
  await input.fill("DBSIZE");
  await input.press("Enter");
  await expect(last()).toContainText("needs a node on a cluster");
  await shot(page, "cluster-console-light");
  await page.emulateMedia({ colorScheme: "dark" });
  await shot(page, "cluster-console-dark");
});
