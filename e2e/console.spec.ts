import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// The console on the shared main Redis: keys under this run's own prefix, deleted at the end.
const prefix = `e2e-console-${Date.now().toString(36)}:`;

async function runLine(page: Page, line: string) {
  const input = page.getByRole("textbox", { name: "Command" }).last();
  await input.fill(line);
  await input.press("Enter");
}

const lastEntry = (page: Page) => page.getByTestId("console-entry").last();

test.describe("console", () => {
  test.afterAll(async ({ redis }) => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  });

  test("runs reads and writes, shows replies as redis-cli does, keeps history", async ({
    page,
    redis,
    shot,
  }) => {
    await page.goto("/c/default/db/0/cli");
    await expect(page.getByText("Run a Redis command")).toBeVisible();
    await shot(page, "console-empty");

    await runLine(page, `SET ${prefix}greeting hello`);
    await expect(lastEntry(page).locator("pre")).toHaveText("OK");
    expect(await redis.get(`${prefix}greeting`)).toBe("hello");
    await runLine(page, `GET ${prefix}greeting`);
    await expect(lastEntry(page).locator("pre")).toHaveText('"hello"');
    await runLine(page, `RPUSH ${prefix}list a b c`);
    await expect(lastEntry(page).locator("pre")).toHaveText("(integer) 3");
    await runLine(page, `LRANGE ${prefix}list 0 -1`);
    await expect(lastEntry(page).locator("pre")).toHaveText('1) "a"\n2) "b"\n3) "c"');
    await runLine(page, `GET ${prefix}missing`);
    await expect(lastEntry(page).locator("pre")).toHaveText("(nil)");
    // Binary: bytes FF 00 FE in, the same bytes back, shown as \xNN.
    await runLine(page, `SET ${prefix}bin "\\xff\\x00\\xfe"`);
    await expect(lastEntry(page).locator("pre")).toHaveText("OK");
    expect(await redis.getBuffer(`${prefix}bin`)).toEqual(Buffer.from([0xff, 0x00, 0xfe]));
    await runLine(page, `GET ${prefix}bin`);
    await expect(lastEntry(page).locator("pre")).toHaveText('"\\xff\\x00\\xfe"');
    await runLine(page, `LPUSH ${prefix}greeting x`);
    await expect(lastEntry(page).locator("pre")).toHaveText(/^\(error\) WRONGTYPE/);

    // History: ↑ recalls the last line, and it survives a reload.
    const input = page.getByRole("textbox", { name: "Command" });
    await input.press("ArrowUp");
    await expect(input).toHaveValue(`LPUSH ${prefix}greeting x`);
    await input.press("ArrowUp");
    await expect(input).toHaveValue(`GET ${prefix}bin`);
    await shot(page, "console-light");
    // Tab completes from the server's command docs: wait for them after the reload.
    const docsLoaded = page.waitForResponse((r) => /\/commands(\?|$)/.test(r.url()) && r.ok());
    await page.reload();
    await docsLoaded;
    await page.getByRole("textbox", { name: "Command" }).press("ArrowUp");
    await expect(page.getByRole("textbox", { name: "Command" })).toHaveValue(
      `LPUSH ${prefix}greeting x`,
    );

    // Completion and help.
    await input.fill("hgeta");
    await input.press("Tab");
    await expect(input).toHaveValue("HGETALL ");
    await expect(page.getByTestId("console-help")).toContainText("HGETALL key");
    await expect(page.getByTestId("console-help")).toContainText("since");
    await input.fill("config s");
    await input.press("Tab");
    await expect(input).toHaveValue("CONFIG SET ");
  });

  test("asks to type the name of a dangerous command, refuses state commands inline", async ({
    page,
    shot,
  }) => {
    await page.goto("/c/default/db/0/cli");
    await runLine(page, `KEYS ${prefix}*`);
    const dialog = page.getByRole("dialog", { name: "Run a dangerous command?" });
    await expect(dialog).toBeVisible();
    const run = dialog.getByRole("button", { name: "Run KEYS" });
    await expect(run).toBeDisabled();
    await dialog.getByRole("textbox", { name: "Command name to confirm" }).fill("keys");
    await run.click();
    await expect(dialog).toBeHidden();
    // The confirmed run takes the refusal's place.
    await expect(lastEntry(page).locator("pre")).toHaveText(/\(empty array\)|1\)/);
    await expect(page.getByTestId("console-entry")).toHaveCount(1);

    await runLine(page, "SUBSCRIBE news");
    await expect(lastEntry(page).getByRole("alert")).toContainText("Pub/Sub page");
    await runLine(page, "BLPOP x 0");
    await expect(lastEntry(page).getByRole("alert")).toContainText("block forever");
    await page.emulateMedia({ colorScheme: "dark" });
    await shot(page, "console-dark");
  });

  test("refuses writes on the read-only connection and still runs reads", async ({
    page,
    shot,
  }) => {
    await page.goto("/c/ro/db/0/cli");
    await expect(page.getByText("read-only: writes are refused")).toBeVisible();
    await runLine(page, `SET ${prefix}ro nope`);
    await expect(lastEntry(page).getByRole("alert")).toContainText("READ_ONLY");
    await runLine(page, `DBSIZE`);
    await expect(lastEntry(page).locator("pre")).toHaveText(/^\(integer\) \d+$/);
    await runLine(page, `SET ${prefix}ro "unterminated`);
    await expect(lastEntry(page).getByRole("alert")).toContainText("unbalanced quotes");
    await shot(page, "console-error");
  });

  test("cuts a long reply and shows more on demand", async ({ page, redis }) => {
    await redis.rpush(`${prefix}long`, ...Array.from({ length: 1500 }, (_, i) => `v${i}`));
    await page.goto("/c/default/db/0/cli");
    await runLine(page, `LRANGE ${prefix}long 0 -1`);
    await expect(lastEntry(page)).toContainText("Reply cut at 1,000 elements");
    await expect(lastEntry(page).locator("pre")).toContainText('1000) "v999"');
    await lastEntry(page).getByRole("button", { name: "Show more" }).click();
    await expect(lastEntry(page).locator("pre")).toContainText('1500) "v1499"');
    await expect(lastEntry(page)).not.toContainText("Reply cut");
  });

  test("opens as a drawer from the key browser", async ({ page, shot }) => {
    await page.goto("/c/default/db/0");
    await page.getByRole("button", { name: "Console" }).click();
    const drawer = page.getByTestId("console-drawer");
    await expect(drawer).toBeVisible();
    await runLine(page, "PING");
    await expect(drawer.getByTestId("console-entry").last().locator("pre")).toHaveText("PONG");
    await shot(page, "console-drawer");
    await page.getByRole("button", { name: "Close the console" }).click();
    await expect(drawer).toBeHidden();
    await page.keyboard.press("Control+Backquote");
    await expect(drawer).toBeVisible();
  });
});
