import { expect, test } from "./fixtures";

// The header's Tools menu: eight tools behind one button that names the open one, each page
// reachable from any view, and a per-database tool kept open when the database changes.

const TOOLS = [
  ["Console", /\/c\/default\/db\/0\/cli$/, "Console · Keyscope"],
  ["Slowlog", /\/c\/default\/slowlog$/, "Slowlog · Keyscope"],
  ["Clients", /\/c\/default\/clients$/, "Clients · Keyscope"],
  ["Profiler", /\/c\/default\/profiler$/, "Profiler · Keyscope"],
  ["Pub/Sub", /\/c\/default\/pubsub$/, "Pub/Sub · Keyscope"],
  ["Keyspace events", /\/c\/default\/db\/0\/events$/, "Keyspace events · Keyscope"],
  ["Latency", /\/c\/default\/latency$/, "Latency · Keyscope"],
  ["Celery", /\/c\/default\/db\/0\/celery$/, "Celery · Keyscope"],
] as const;

test("every tool is one click away from the Tools menu, which names the open one", async ({
  page,
  shot,
}) => {
  await page.goto("/c/default/db/0");
  const button = page.getByRole("button", { name: /^Tools/ });
  await button.click();
  const menu = page.getByRole("menu", { name: "Tools" });
  await expect(menu.getByRole("menuitem")).toHaveCount(TOOLS.length);
  await shot(page, "tools-menu-light");
  await button.click(); // the button toggles the menu shut
  await expect(menu).toHaveCount(0);
  for (const [label, url, title] of TOOLS) {
    await page.getByRole("button", { name: /^Tools/ }).click();
    await page.getByRole("menu", { name: "Tools" }).getByRole("menuitem", { name: label }).click();
    await expect(page).toHaveURL(url);
    await expect(page).toHaveTitle(title);
    await expect(page.getByRole("button", { name: `Tools: ${label}` })).toBeVisible();
    await expect(page.getByRole("menu", { name: "Tools" })).toHaveCount(0); // closed on navigation
  }
  // Escape and a click elsewhere close it.
  await page.getByRole("button", { name: /^Tools/ }).click();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu", { name: "Tools" })).toHaveCount(0);
  // The Keys link is not marked on a per-database tool's page.
  await page.goto("/c/default/db/0/events");
  await expect(page.getByRole("link", { name: "Keys", exact: true })).not.toHaveAttribute(
    "aria-current",
    "page",
  );
});

test("switching database keeps a per-database tool open", async ({ page }) => {
  await page.goto("/c/default/db/0/cli");
  await page.getByRole("combobox", { name: "Database" }).selectOption("3");
  await expect(page).toHaveURL(/\/c\/default\/db\/3\/cli$/);
});

test("the menu in dark mode", async ({ page, shot }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/c/default/slowlog");
  await page.getByRole("button", { name: /^Tools/ }).click();
  await expect(page.getByRole("menu", { name: "Tools" })).toBeVisible();
  await page.waitForTimeout(300);
  await shot(page, "tools-menu-dark");
});
