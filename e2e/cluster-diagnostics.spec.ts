import { expect, type Page, test } from "@playwright/test";
import type { Redis } from "ioredis";
import { clusterKeyscope } from "./cluster-nodes";

// Slowlog, latency and keyspace events on a cluster of the spec's own (3 masters, 3 replicas)
// behind a production Keyscope: every node's slow commands with a Node column, the latency of
// a picked node, and keyspace events turned on on every master and heard from all of them.

const ks = clusterKeyscope();
const nodes = ks.nodes;
const clientOf = nodes.at;

/** ~60 ms of server time on one node (these servers refuse DEBUG SLEEP). */
const busy = (node: Redis) =>
  node.eval(
    "local t = redis.call('TIME'); local s = t[1] * 1e6 + t[2]; repeat t = redis.call('TIME') until t[1] * 1e6 + t[2] - s > 60000",
    0,
  );

async function shots(page: Page, name: string) {
  await page.screenshot({ path: `e2e/screenshots/${name}-light.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.waitForTimeout(200);
  await page.screenshot({ path: `e2e/screenshots/${name}-dark.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });
}

test.afterEach(async ({ page }) => {
  await page.goto("about:blank"); // ends the event streams of the page
});

test("the slowlog lists every node's slow commands with a Node column", async ({ page }) => {
  for (const port of ks.cluster.ports) {
    const node = clientOf(port);
    await node.config("SET", "slowlog-log-slower-than", "0");
    await node.call("SLOWLOG", "RESET");
    await node.ping();
    await node.config("SET", "slowlog-log-slower-than", "10000");
  }
  await page.goto(`${ks.server.base}/c/default/slowlog`);
  await expect(page.getByRole("columnheader", { name: "Node" })).toBeVisible();
  const nodes = page.getByTestId("slowlog-node");
  for (const port of ks.cluster.ports)
    await expect(nodes.filter({ hasText: `127.0.0.1:${port}` }).first()).toBeVisible();
  await shots(page, "cluster-slowlog");
});

test("latency: the picked node's monitor, its spike charted", async ({ page }) => {
  const masters = await ks.cluster.masters();
  const second = masters[1] as (typeof masters)[number];
  for (const m of masters) {
    await clientOf(m.port).config("SET", "latency-monitor-threshold", "10");
    await clientOf(m.port).latency("RESET");
  }
  await busy(clientOf(second.port));
  await page.goto(`${ks.server.base}/c/default/latency`);
  const picker = page.getByTestId("node-picker");
  await expect(picker.locator("option")).toHaveCount(7, { timeout: 20_000 });
  await picker.selectOption(`127.0.0.1:${second.port}`);
  await expect(page.getByTestId("latency-latest")).toContainText("command");
  await expect(page.getByTestId("chart-latency")).toBeVisible();
  await shots(page, "cluster-latency");
  // Another master had no slow command: its monitor is empty.
  const other = masters.find((m) => m.port !== second.port) as (typeof masters)[number];
  await picker.selectOption(`127.0.0.1:${other.port}`);
  await expect(page.getByTestId("latency-empty")).toContainText("10 ms or more");
  for (const m of masters) await clientOf(m.port).config("SET", "latency-monitor-threshold", "0");
});

test("keyspace events: turned on on every master, heard from every master", async ({ page }) => {
  const masters = await ks.cluster.masters();
  for (const m of masters) await clientOf(m.port).config("SET", "notify-keyspace-events", "");
  await page.goto(`${ks.server.base}/c/default/db/0/events`);
  await page.getByRole("button", { name: "Turn on (KEA)" }).click();
  await page.getByRole("dialog").getByRole("button", { name: 'Set "KEA"' }).click();
  await expect(page.getByRole("button", { name: /Turn back off/ })).toBeVisible();
  for (const m of masters) {
    const [, flags] = (await clientOf(m.port).config("GET", "notify-keyspace-events")) as string[];
    expect(flags, `master ${m.port}`).toMatch(/K/);
  }
  // One key on each master, binary names included.
  const written = new Set<number>();
  for (let i = 0; written.size < masters.length && i < 500; i++) {
    const key = Buffer.concat([Buffer.from(`ev:${i}:`), Buffer.from([0xff])]);
    const port = await nodes.ownerOf(key);
    if (written.has(port)) continue;
    written.add(port);
    await clientOf(port).set(key, "v");
  }
  const list = page.getByTestId("event-list");
  await expect(list.getByText(/^ev:\d+:/)).toHaveCount(masters.length, { timeout: 10_000 });
  await shots(page, "cluster-events");
});
