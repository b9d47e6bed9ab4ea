import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { deleteKeys, fillHash, open, row, rows } from "./viewer-helpers";

// The viewers in the dark theme: what is shown, and in which colours (computed styles, compared
// with the theme's own variables, so a missing `dark:` class fails here rather than on sight).

let prefix = "";
test.beforeEach(() => {
  prefix = `d${Math.random().toString(36).slice(2, 8)}:`;
});
test.afterEach(async ({ redis }) => deleteKeys(redis, prefix));

/** A colour as sRGB bytes, whatever the CSS spells it in (Tailwind 4 uses oklch). */
async function rgbOf(page: Page, color: string): Promise<[number, number, number]> {
  return page.evaluate((c) => {
    const ctx = document.createElement("canvas").getContext("2d") as CanvasRenderingContext2D;
    ctx.fillStyle = c;
    ctx.fillRect(0, 0, 1, 1);
    const [r = 0, g = 0, b = 0] = ctx.getImageData(0, 0, 1, 1).data;
    return [r, g, b] as [number, number, number];
  }, color);
}
const cssColor = (l: Locator, prop: "color" | "background-color") =>
  l.evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), prop);
const themeColor = (page: Page, name: string) =>
  page.evaluate((n) => getComputedStyle(document.documentElement).getPropertyValue(n), name);
/** Relative luminance, 0 (black) to 1 (white). */
const luminance = ([r, g, b]: number[]) =>
  ((0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0)) / 255) as number;

test("dark mode: a hash, a big sorted set and a stream look right", async ({
  page,
  redis,
  shot,
}) => {
  await page.emulateMedia({ colorScheme: "dark" });
  const key = `${prefix}dark-hash`;
  await fillHash(redis, key, 300);
  await redis.hset(key, "json", JSON.stringify({ user: { id: 42, tags: ["a", "b"] } }));
  await open(page, key);
  // The page itself is dark: zinc-950 behind zinc-100 text.
  const body = page.locator("body");
  expect(await rgbOf(page, await cssColor(body, "background-color"))).toEqual(
    await rgbOf(page, await themeColor(page, "--color-zinc-950")),
  );
  expect(luminance(await rgbOf(page, await cssColor(body, "color")))).toBeGreaterThan(0.85);
  await page.getByLabel("Filter fields (glob)").fill("json");
  await row(page, "json").click();
  await expect(page.getByTestId("field-value")).toContainText('"id": 42');
  await shot(page, "viewer-hash-dark");

  const zkey = `${prefix}dark-zset`;
  const members: (string | number)[] = [];
  for (let i = 0; i < 5000; i++) members.push(i, `member-${i}`);
  await redis.zadd(zkey, ...members, 1.5, "alice", "+inf", "carol", -3, "dave");
  await open(page, zkey);
  await expect(page.getByTestId("zset-window")).toHaveText("Ranks 0–99 · 5,003 members");
  await expect(rows(page).first()).toContainText("dave");
  await page.getByRole("button", { name: "high → low" }).click();
  await row(page, "carol").click();
  await expect(page.getByTestId("member-panel")).toContainText("+inf");
  // The small inputs beside small buttons: the callers' h-7 beats Input's h-8.
  for (const label of ["Minimum score", "Maximum score", "Score", "Increment by"])
    await expect(page.getByLabel(label, { exact: true })).toHaveCSS("height", "28px");
  await shot(page, "viewer-zset-dark");

  const skey = `${prefix}dark-stream`;
  for (let i = 1; i <= 30; i++)
    await redis.xadd(skey, `${1700000000000 + i}-0`, "event", `login-${i}`, "user", String(i));
  await redis.xadd(skey, "1700000000031-0", "raw", Buffer.from([0xff, 0x00, 0x41]));
  await open(page, skey);
  await expect(page.getByTestId("stream-viewer")).toBeVisible();
  await expect(page.getByText("Newest first · 31 of 31 entries loaded")).toBeVisible();
  const newest = rows(page).first();
  await expect(newest).toContainText("1700000000031-0");
  await expect(newest).toContainText("raw=\\xff\\x00A");
  const second = rows(page).nth(1);
  await expect(second).toContainText("1700000000030-0");
  await expect(second).toContainText("event=login-30");
  await expect(second).toContainText("user=30");
  // Field names take the dark theme's indigo-300, values the page's light text.
  const name = second.getByText("event", { exact: true });
  expect(await rgbOf(page, await cssColor(name, "color"))).toEqual(
    await rgbOf(page, await themeColor(page, "--color-indigo-300")),
  );
  const value = second.getByText("login-30", { exact: true });
  expect(luminance(await rgbOf(page, await cssColor(value, "color")))).toBeGreaterThan(0.85);
  await second.click();
  const panel = page.getByTestId("entry-panel");
  await expect(panel).toContainText("Entry 1700000000030-0");
  await expect(panel.getByTestId("entry-field")).toHaveText([/^event\s*login-30$/, /^user\s*30$/]);
  // The panel's border is the dark zinc-800, not the light theme's zinc-200.
  expect(
    await rgbOf(page, await panel.evaluate((el) => getComputedStyle(el).borderTopColor)),
  ).toEqual(await rgbOf(page, await themeColor(page, "--color-zinc-800")));
  await page.mouse.move(0, 0);
  await shot(page, "viewer-stream-dark");
  await page.screenshot({ path: "test-results/viewer-stream-dark.png", fullPage: true });
});
