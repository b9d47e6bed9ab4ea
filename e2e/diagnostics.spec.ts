import type { Page } from "@playwright/test";
import { Redis } from "ioredis";
import { expect, test } from "./fixtures";

// The slowlog, clients and latency pages against the main throwaway Redis. The settings they
// change (slowlog and latency thresholds) are put back after each test; the slowlog is shared
// with the other specs, which never read it.

const tag = `e2e-diag-${Date.now().toString(36)}`;

/** An error answer for one endpoint, as a managed service's refusal would come. */
async function refuse(page: Page, path: string, message: string) {
  await page.route(`**/api/connections/default/${path}*`, (route) =>
    route.fulfill({ status: 403, json: { error: { code: "FORBIDDEN", message } } }),
  );
}

/** ~60 ms of server time in one command: a latency event and a slowlog entry. */
const busy = (redis: Redis, ...keyAndArg: Buffer[]) =>
  redis.eval(
    "local t = redis.call('TIME'); local s = t[1] * 1e6 + t[2]; repeat t = redis.call('TIME') until t[1] * 1e6 + t[2] - s > 60000 -- over 128 bytes: Redis cuts it",
    keyAndArg.length > 0 ? 1 : 0,
    ...keyAndArg,
  );

/** A screenshot in the dark theme, once the buttons' colour transitions (150 ms) are over. */
async function darkShot(page: Page, shot: (p: Page, name: string) => Promise<void>, name: string) {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.waitForTimeout(400);
  await shot(page, name);
}

test.describe("slowlog", () => {
  test.use({ viewport: { width: 1400, height: 900 } });
  let before = "";
  test.beforeEach(async ({ redis }) => {
    before = ((await redis.config("GET", "slowlog-log-slower-than")) as string[])[1] ?? "10000";
  });
  test.afterEach(async ({ redis }) => {
    await redis.config("SET", "slowlog-log-slower-than", before);
  });

  test("shows slow commands with escaped bytes, edits the threshold and resets", async ({
    page,
    redis,
    shot,
  }) => {
    // Only commands over 50 ms are logged: the other specs' and Keyscope's own commands are not.
    await redis.slowlog("RESET");
    await redis.config("SET", "slowlog-log-slower-than", "50000");
    await busy(redis, Buffer.from(`${tag}:bin\xff`, "latin1"), Buffer.from([0xff, 0x00, 0x41]));
    // Straight to the page: reached through the Tools menu from the polling overview, the
    // fixture's secret check was left waiting on a response body until the test timed out.
    await page.goto("/c/default/slowlog");
    await expect(page.getByRole("button", { name: "Tools: Slowlog" })).toBeVisible();
    const command = page.getByTestId("slowlog-command").filter({ hasText: tag });
    // The script is cut by Redis at 128 bytes; the key and argument come exact, escaped.
    await expect(command).toHaveText(/^eval ".{128}\.\.\. \(\d+ more bytes\)" 1 /);
    await expect(command).toContainText(` 1 "${tag}:bin\\xff" "\\xff\\x00A"`);
    await expect(page.getByTestId("setting-slowlog-log-slower-than")).toContainText("50000");
    await page.getByRole("button", { name: "ms", exact: true }).click();
    await expect(page.getByTestId("slowlog-table")).toContainText(/\d+\.\d{3} ms/);
    await shot(page, "slowlog-light");
    await darkShot(page, shot, "slowlog-dark");
    await page.emulateMedia({ colorScheme: "light" });

    // The threshold, through the overview's dialog (old → new, CONFIG SET).
    await page.getByRole("button", { name: "Edit slowlog-log-slower-than" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("New value").fill("1000000");
    await expect(dialog.getByTestId("setting-change")).toContainText("1000000");
    await dialog.getByRole("button", { name: /Apply/ }).click();
    await expect(dialog).toBeHidden();
    expect(await redis.config("GET", "slowlog-log-slower-than")).toEqual([
      "slowlog-log-slower-than",
      "1000000",
    ]);
    await expect(page.getByTestId("setting-slowlog-log-slower-than")).toContainText("1000000");

    // Reset, after a confirmation: the empty state says what the threshold is and what to do.
    await page.getByRole("button", { name: "Reset…" }).click();
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /SLOWLOG RESET/ })
      .click();
    await expect(page.getByText("No command slower than 1,000,000 µs yet")).toBeVisible();
    expect(Number(await redis.slowlog("LEN"))).toBe(0);
    await shot(page, "slowlog-empty");
  });

  test("says why when the server refuses SLOWLOG, and offers no reset when read-only", async ({
    page,
    shot,
  }) => {
    await page.goto("/c/ro/slowlog");
    await expect(page.getByTestId("setting-slowlog-max-len")).toBeVisible();
    await expect(page.getByRole("button", { name: "Reset…" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Edit/ })).toHaveCount(0);
    await refuse(
      page,
      "slowlog",
      "This Redis refuses SLOWLOG to Keyscope's user (NOPERM this user has no permissions to run the 'slowlog' command); managed services and ACL users without @admin often do.",
    );
    await page.goto("/c/default/slowlog");
    await expect(page.getByRole("alert").filter({ hasText: "refuses SLOWLOG" })).toBeVisible();
    await shot(page, "slowlog-error");
  });
});

test.describe("clients", () => {
  test.use({ viewport: { width: 1400, height: 900 } });

  test("lists, filters, sorts, marks Keyscope's own rows and kills a client", async ({
    page,
    shot,
  }) => {
    const victim = new Redis(process.env.E2E_REDIS_URL as string, {
      protocol: 2,
      connectionName: `${tag}-victim`,
      retryStrategy: () => null,
    });
    victim.on("error", () => {});
    const id = Number(await victim.client("ID"));
    try {
      await page.goto("/c/default/clients");
      const rows = page.getByTestId("client-row");
      await expect(rows.filter({ hasText: `${tag}-victim` })).toHaveCount(1);
      await expect(page.locator("[data-testid=client-row][data-self]").first()).toContainText(
        "Keyscope",
      );
      // Sorting by id, newest first: the victim (the newest client but Keyscope's) near the top.
      await page.getByRole("button", { name: "ID", exact: true }).click();
      await expect(page.getByRole("columnheader", { name: /ID/ })).toHaveAttribute(
        "aria-sort",
        "descending",
      );
      await shot(page, "clients-light");
      await darkShot(page, shot, "clients-dark");
      await page.emulateMedia({ colorScheme: "light" });

      // A kill of Keyscope's own connection warns first (cancelled here).
      await page
        .locator("[data-testid=client-row][data-self]")
        .first()
        .getByRole("button", { name: /Kill/ })
        .click();
      await expect(page.getByRole("dialog")).toContainText("one of Keyscope's own connections");
      await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();

      await page.getByLabel("Filter clients").fill(`${tag}-victim`);
      await expect(rows).toHaveCount(1);
      const closed = new Promise<void>((res) => victim.once("end", () => res()));
      await page.getByRole("button", { name: `Kill client ${id}` }).click();
      const dialog = page.getByRole("dialog");
      await expect(dialog).toContainText("often comes back");
      await dialog.getByRole("button", { name: `Kill (CLIENT KILL ID ${id})` }).click();
      await closed;
      await expect(page.getByText(`Client ${id} (`)).toBeVisible();
      await expect(page.getByText("No client matches")).toBeVisible();
      await shot(page, "clients-empty");
    } finally {
      victim.disconnect();
    }
  });

  test("has no kill buttons when read-only, and says why when CLIENT LIST is refused", async ({
    page,
    shot,
  }) => {
    await page.goto("/c/ro/clients");
    await expect(page.getByTestId("client-row").first()).toBeVisible();
    await expect(page.getByRole("button", { name: /^Kill client/ })).toHaveCount(0);
    await refuse(
      page,
      "clients",
      "This Redis refuses CLIENT LIST to Keyscope's user (NOPERM this user has no permissions to run the 'client|list' command); managed services and ACL users without @admin often do.",
    );
    await page.goto("/c/default/clients");
    await expect(page.getByRole("alert").filter({ hasText: "refuses CLIENT LIST" })).toBeVisible();
    await shot(page, "clients-error");
  });
});

test.describe("latency", () => {
  test.use({ viewport: { width: 1400, height: 1300 } });
  test.afterEach(async ({ redis }) => {
    await redis.config("SET", "latency-monitor-threshold", "0");
    await redis.latency("RESET");
  });

  test("offers to turn the monitor on, then charts a spike and shows the doctor", async ({
    page,
    redis,
    shot,
  }) => {
    await redis.config("SET", "latency-monitor-threshold", "0");
    await redis.latency("RESET");
    await page.goto("/c/default/latency");
    await expect(page.getByTestId("latency-off")).toContainText("The latency monitor is off");
    await shot(page, "latency-empty");

    await page.getByRole("button", { name: "Turn it on…" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByTestId("setting-change")).toContainText("current0new100");
    await dialog.getByLabel("New value").fill("10");
    await dialog.getByRole("button", { name: /Apply/ }).click();
    await expect(dialog).toBeHidden();
    expect(await redis.config("GET", "latency-monitor-threshold")).toEqual([
      "latency-monitor-threshold",
      "10",
    ]);
    await expect(page.getByTestId("latency-off")).toHaveCount(0);
    await expect(page.getByTestId("latency-empty")).toContainText("10 ms or more");

    await busy(redis);
    await new Promise((r) => setTimeout(r, 1100)); // one sample per second: two points (and the chart's empty first one)
    await busy(redis);
    await page.getByRole("button", { name: "Refresh" }).click();
    await expect(page.getByTestId("latency-latest")).toContainText("command");
    // Three points at least (two spikes and the chart's empty first one); on a busy machine
    // another client's command may cross the 10 ms threshold in a second of its own.
    await expect(page.getByTestId("chart-latency")).toHaveAttribute("data-samples", /^[3-6]$/);
    await expect(page.getByTestId("latency-doctor")).toContainText("command");
    await expect(page.getByTestId("latency-percentiles").locator("tbody tr").first()).toContainText(
      "eval",
    );
    await shot(page, "latency-light");
    await page.emulateMedia({ colorScheme: "dark" });
    await page.reload();
    await expect(page.getByTestId("chart-latency")).toHaveAttribute("data-samples", /^[3-6]$/);
    await shot(page, "latency-dark");
  });

  test("says why when the server refuses LATENCY", async ({ page, shot }) => {
    await refuse(
      page,
      "latency",
      "This Redis refuses LATENCY to Keyscope's user (NOPERM this user has no permissions to run the 'latency|latest' command); managed services and ACL users without @admin often do.",
    );
    await page.goto("/c/default/latency");
    await expect(page.getByRole("alert").filter({ hasText: "refuses LATENCY" })).toBeVisible();
    await shot(page, "latency-error");
  });
});
