import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { Redis } from "ioredis";
import { freePort, type RedisProcess, startRedis } from "../scripts/lib/redis-server.mjs";
import { expect, test } from "./fixtures";

// The connections page (issue 14): add a connection to a second redis-server this spec starts
// (with a password of its own), test it, open it, edit it (name, production, colour: the
// header shows them), a failed test, a field error from the schema, delete it; environment
// connections are not editable. Screenshots light and dark of the list, the form, the failed
// test and the empty state.

let second: RedisProcess;
const password = `second-secret-${randomBytes(6).toString("hex")}`;
const name = `second ${randomBytes(3).toString("hex")}`;

test.beforeAll(async () => {
  second = await startRedis({ args: ["--requirepass", password] });
  const r = new Redis({ port: second.port, password, protocol: 2 });
  await r.mset("conn-ui:alpha", "1", "conn-ui:beta", "2", "conn-ui:gamma", "3");
  r.disconnect();
});
test.afterAll(async () => {
  await second?.stop();
});

/** Neither this spec's Redis password nor the global secrets may reach the browser. */
function watchForPassword(page: Page): string[] {
  const leaks: string[] = [];
  page.on("response", async (res) => {
    const body = await res.text().catch(() => "");
    if (body.includes(password)) leaks.push(res.url());
  });
  return leaks;
}

async function both(page: Page, shot: (p: Page, n: string) => Promise<void>, base: string) {
  // Buttons fade their colours (transition-colors, 150 ms): let them finish before each shot.
  const scheme = async (colorScheme: "light" | "dark") => {
    await page.emulateMedia({ colorScheme });
    await page.waitForTimeout(300);
  };
  await scheme("light");
  await shot(page, `${base}-light`);
  await scheme("dark");
  await shot(page, `${base}-dark`);
  await scheme("light");
}

const form = (page: Page) => page.getByTestId("connection-form");
const rowOf = (page: Page, text: string) =>
  page.getByTestId("saved-connections").locator("li", { hasText: text });

test("environment connections are listed, not editable; the empty state says what to do", async ({
  page,
  shot,
}) => {
  const list = await page.request.get("/api/connections");
  const saved = (await list.json()).connections.filter(
    (c: { source: string }) => c.source === "saved",
  );
  test.skip(saved.length > 0, "another spec left saved connections on the shared server");
  await page.goto("/connections");
  const env = page.getByTestId("env-connections");
  const def = env.getByTestId("connection-default");
  await expect(def).toContainText("from the environment");
  await expect(def).toContainText("not editable here");
  await expect(def.getByRole("button", { name: "Edit", exact: true })).toHaveCount(0);
  await expect(def.getByTestId("state")).toContainText(/Redis \d+\.\d+.* keys/);
  await expect(env.getByTestId("connection-prod")).toContainText("production");
  await expect(env.getByTestId("connection-flaky")).toBeVisible();
  await expect(page.getByTestId("no-saved-connections")).toContainText("No saved connections yet");
  await both(page, shot, "connections-empty");

  // The API refuses to change an environment connection too (403).
  const put = await page.request.put("/api/connections/default", {
    data: { name: "renamed" },
    headers: { origin: process.env.E2E_BASE_URL as string },
  });
  expect(put.status()).toBe(403);
});

test("add, test, open, edit, mark production, fail a test, delete", async ({ page, shot }) => {
  const leaks = watchForPassword(page);
  // The header's picker leads here.
  await page.goto("/c/default/db/0");
  await page.getByLabel("Connection").selectOption({ label: "Manage connections…" });
  await expect(page).toHaveURL(/\/connections$/);

  // Add: a port out of range is caught on its field, before anything is sent.
  await page.getByRole("button", { name: "Add connection" }).first().click();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Port", { exact: true }).fill("70000");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(form(page)).toContainText("must be 1-65535");

  // The right address without the password: the test says Redis wants one.
  await page.getByLabel("Port", { exact: true }).fill(String(second.port));
  await page.getByRole("button", { name: "Test", exact: true }).click();
  await expect(page.getByTestId("test-error")).toBeVisible();
  await expect(form(page)).toContainText("(auth)");

  await page.locator("#conn-password").fill(password);
  await page.getByRole("button", { name: "Test", exact: true }).click();
  await expect(page.getByTestId("test-ok")).toContainText(/Redis \d+\.\d+.*standalone.*ms/);
  await both(page, shot, "connections-form");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(form(page)).toBeHidden();

  const row = rowOf(page, name);
  await expect(row).toContainText(`127.0.0.1:${second.port}`);
  await expect(row.getByTestId("state")).toContainText("3 keys");
  await both(page, shot, "connections-list");

  // Open it: its keys show.
  await row.getByRole("link", { name }).click();
  await expect(page).toHaveURL(/\/c\/[^/]+\/db\/0$/);
  await expect(page.getByTestId("key-row")).toHaveCount(3);
  await expect(page.getByTestId("key-list")).toContainText("conn-ui:beta");
  await expect(page.getByTestId("app-header")).not.toHaveAttribute("data-production", /.*/);

  // Edit: a new name, production, red. The password shows as unchanged and stays.
  await page.goto("/connections");
  await rowOf(page, name).getByRole("button", { name: "Edit", exact: true }).click();
  await expect(page.getByTestId("password-unchanged")).toBeVisible();
  const renamed = `${name} (prod)`;
  await page.getByLabel("Name", { exact: true }).fill(renamed);
  await page.getByRole("checkbox", { name: /^Production/ }).check();
  await page.getByRole("radio", { name: "Red" }).click();
  await both(page, shot, "connections-edit");
  await page.getByRole("button", { name: "Test", exact: true }).click();
  await expect(page.getByTestId("test-ok")).toBeVisible();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(form(page)).toBeHidden();
  const edited = rowOf(page, renamed);
  await expect(edited).toContainText("production");
  await expect(edited.getByTestId("state")).toContainText("3 keys");

  // The header while it is open: red band, red tint, a production badge.
  await edited.getByRole("link", { name: renamed }).click();
  const header = page.getByTestId("app-header");
  await expect(header).toHaveAttribute("data-production", "true");
  await expect(header).toHaveAttribute("data-color", "red");
  await expect(header.getByText("production", { exact: true })).toBeVisible();
  await expect(page.getByTestId("key-row")).toHaveCount(3);
  await both(page, shot, "connections-header-production");

  // A failed test: nothing listens on that port.
  await page.goto("/connections");
  await page.getByRole("button", { name: "Add connection" }).first().click();
  await page.getByLabel("Name", { exact: true }).fill("nothing there");
  await page.getByLabel("Port", { exact: true }).fill(String(await freePort()));
  await page.getByRole("button", { name: "Test", exact: true }).click();
  await expect(page.getByTestId("test-error")).toBeVisible({ timeout: 5000 });
  await expect(form(page)).toContainText("(refused)");
  await both(page, shot, "connections-test-failed");
  await page.getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(page.getByText("nothing there")).toHaveCount(0);

  // Delete, behind a confirmation naming it.
  await rowOf(page, renamed).getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("button", { name: `Delete ${renamed}` }).click();
  await expect(rowOf(page, renamed)).toHaveCount(0);
  await expect(page.getByTestId("no-saved-connections")).toBeVisible();
  expect(leaks).toEqual([]);
});

test("import a RedisInsight file with a result per entry; export says what passwords mean", async ({
  page,
  shot,
}) => {
  const tag = randomBytes(3).toString("hex");
  // RedisInsight's export: a list of databases (its field names; one entry with a port out of range is
  // refused, the others saved).
  const file = JSON.stringify([
    {
      host: "127.0.0.1",
      port: second.port,
      name: `ri ok ${tag}`,
      username: "default",
      password,
      connectionType: "STANDALONE",
      provider: "LOCALHOST",
    },
    { host: "127.0.0.1", port: 70000, name: `ri bad ${tag}`, connectionType: "STANDALONE" },
  ]);
  await page.goto("/connections");
  await page.getByRole("button", { name: "Import…" }).click();
  await page.getByLabel("Connections file").setInputFiles({
    name: "redisinsight.json",
    mimeType: "application/json",
    buffer: Buffer.from(file),
  });
  const result = page.getByTestId("import-result");
  await expect(result).toContainText("Read as RedisInsight: 1 of 2 imported.");
  await expect(result).toContainText(`ri ok ${tag}`);
  await expect(result.locator("li", { hasText: `ri bad ${tag}` })).toContainText("port");
  await both(page, shot, "connections-import");
  await page.getByRole("button", { name: "Close", exact: true }).click();
  // The imported one is reachable with the password from the file.
  await expect(rowOf(page, `ri ok ${tag}`).getByTestId("state")).toContainText("3 keys");

  // Export: passwords only when asked; the dialog says what that means.
  await page.getByRole("button", { name: "Export…" }).click();
  const dialog = page.getByRole("dialog", { name: "Export connections" });
  await expect(dialog).toContainText("plain text");
  const plain = page.waitForEvent("download");
  await dialog.getByRole("link", { name: "Download" }).click();
  const exported = await (await plain).createReadStream();
  let text = "";
  for await (const chunk of exported) text += String(chunk);
  expect(
    JSON.parse(text).connections.some((c: { name: string }) => c.name === `ri ok ${tag}`),
  ).toBe(true);
  expect(text).not.toContain(password);

  // Leave the shared server as it was.
  const list = (await (await page.request.get("/api/connections")).json()).connections as {
    id: string;
    name: string;
  }[];
  for (const c of list.filter((c) => c.name.endsWith(tag)))
    expect(
      (
        await page.request.delete(`/api/connections/${c.id}`, {
          headers: { origin: process.env.E2E_BASE_URL as string },
        })
      ).status(),
    ).toBe(200);
});
