import { expect, test } from "./fixtures";
import { deleteKeys, open, row, rows } from "./viewer-helpers";

// Issue 9: the selected item beside the rows (not far below them), previews of long values
// opened whole, and exact lookups inside a collection.

let prefix = "";
test.beforeEach(() => {
  prefix = `vs${Math.random().toString(36).slice(2, 8)}:`;
});
test.afterEach(async ({ redis }) => deleteKeys(redis, prefix));

const order = { id: 42, customer: { name: "Ada", tags: ["vip", "beta"] }, total: 99.5 };

test("list: the selected item opens beside the rows, JSON pretty, a long one fetched whole", async ({
  page,
  redis,
  shot,
}) => {
  const key = `${prefix}list`;
  const long = `${"0123456789".repeat(10_000)}END`; // 100 kB: sent as a 4 KiB preview
  await redis.rpush(
    key,
    JSON.stringify(order),
    long,
    ...Array.from({ length: 50 }, (_, i) => `item ${i}`),
  );
  await open(page, key);
  await expect(row(page, "0123456789").getByTestId("preview-badge")).toHaveText(/preview · 98 KiB/);

  await rows(page).first().click();
  const panel = page.getByTestId("item-panel");
  await expect(panel.getByTestId("item-value")).toHaveText(JSON.stringify(order, null, 2));
  // Beside the rows: the panel starts to the right of them, at about the same height.
  const list = await page.getByTestId("value-rows").boundingBox();
  const box = await panel.boundingBox();
  expect(list && box).toBeTruthy();
  if (list && box) {
    expect(box.x).toBeGreaterThanOrEqual(list.x + list.width - 1);
    expect(Math.abs(box.y - list.y)).toBeLessThan(80);
  }
  await page.mouse.move(0, 0);
  await shot(page, "viewer-list-split-light");

  // The long item: whole in the panel (not the preview), and editable.
  await row(page, "0123456789").click();
  await expect(panel.getByTestId("item-value")).toHaveText(long);
  await expect(panel.getByTestId("whole-note")).toHaveCount(0);
  await expect(panel.getByRole("button", { name: "Edit item" })).toBeEnabled();

  await page.emulateMedia({ colorScheme: "dark" });
  await rows(page).first().click();
  await page.mouse.move(0, 0);
  await shot(page, "viewer-list-split-dark");
});

test("stream: an entry's fields beside the rows, JSON pretty-printed", async ({
  page,
  redis,
  shot,
}) => {
  const key = `${prefix}stream`;
  for (let i = 0; i < 5; i++)
    await redis.xadd(key, "*", "event", `e${i}`, "payload", JSON.stringify(order));
  await open(page, key);
  await rows(page).first().click();
  const panel = page.getByTestId("entry-panel");
  await expect(panel.getByTestId("entry-field")).toHaveCount(2);
  await expect(panel.getByTestId("entry-field").nth(1).locator("pre")).toHaveText(
    JSON.stringify(order, null, 2),
  );
  const list = await page.getByTestId("value-rows").boundingBox();
  const box = await panel.boundingBox();
  if (list && box) expect(box.x).toBeGreaterThanOrEqual(list.x + list.width - 1);
  await page.mouse.move(0, 0);
  await shot(page, "viewer-stream-split");
});

test("hash: a filter without glob characters finds the field at once, marked exact", async ({
  page,
  redis,
  shot,
}) => {
  const key = `${prefix}hash`;
  const args: string[] = [];
  for (let i = 0; i < 50_000; i++) args.push(`field:${i}`, `value ${i}`);
  await redis.hset(key, ...args);
  await open(page, key);
  await page.getByLabel("Filter fields (glob)").fill("field:4242");
  const first = rows(page).first();
  await expect(first).toContainText("field:4242");
  await expect(first.getByTestId("exact-badge")).toBeVisible();
  await first.click();
  await expect(page.getByTestId("field-value")).toHaveText("value 4242");
  await page.mouse.move(0, 0);
  await shot(page, "viewer-hash-exact");
  // A name that is not there: no exact row, the prefix scan goes on.
  await page.getByLabel("Filter fields (glob)").fill("field:nothing");
  await expect(page.getByTestId("rows-empty")).toBeVisible();
  await expect(page.getByTestId("exact-badge")).toHaveCount(0);
});

test("hash: a long field is a preview in its row, whole beside it, and edited whole", async ({
  page,
  redis,
  shot,
}) => {
  const key = `${prefix}hash-long`;
  const long = `${"abcdefghij".repeat(20_000)}TAIL`; // 200 kB
  await redis.hset(key, "long", long, "short", "s");
  await open(page, key);
  await expect(row(page, "long").getByTestId("preview-badge")).toBeVisible();
  await expect(row(page, "short").getByTestId("preview-badge")).toHaveCount(0);
  await row(page, "long").click();
  const panel = page.getByTestId("field-panel");
  await expect(panel.getByTestId("field-value")).toHaveText(long);
  await page.mouse.move(0, 0);
  await shot(page, "viewer-hash-preview");
  // Edited from the whole value, with the whole value as `expect`: the save is not a conflict.
  await panel.getByRole("button", { name: "Edit value" }).click();
  await panel.getByLabel("Value", { exact: true }).fill(`${long}+`);
  await panel.getByRole("button", { name: "Save" }).click();
  await expect.poll(() => redis.hget(key, "long")).toBe(`${long}+`);
  await panel.getByRole("button", { name: "Delete field" }).click();
  await panel.getByRole("button", { name: "Delete field" }).click();
  await expect.poll(() => redis.hexists(key, "long")).toBe(0);
});
