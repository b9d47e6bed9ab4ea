import { expect, test } from "./fixtures";
import { deleteKeys, fillHash, open, row, rows } from "./viewer-helpers";

// Viewers and editors for every type. Each test arranges its own keys under a random prefix
// with the raw `redis` client, drives the UI, checks Redis, and deletes its keys afterwards.

let prefix = "";
test.beforeEach(() => {
  prefix = `v${Math.random().toString(36).slice(2, 8)}:`;
});
test.afterEach(async ({ redis }) => deleteKeys(redis, prefix));

test("hash: pages, filters, edits, conflicts, adds and deletes fields", async ({
  page,
  redis,
  shot,
}) => {
  const key = `${prefix}hash`;
  await fillHash(redis, key, 1000);
  await open(page, key);
  const more = page.getByTestId("scan-more");
  await expect(more).toContainText(/^2\d\d of 1,000 fields/); // HSCAN COUNT 200 is a hint
  expect(await rows(page).count()).toBeLessThan(60); // virtualised
  await shot(page, "viewer-hash");
  // "Load more" until the cursor is done (it is disabled while a page loads).
  const loadMore = more.getByRole("button", { name: "Load more" });
  await expect(async () => {
    if (await loadMore.isEnabled().catch(() => false)) await loadMore.click({ timeout: 1000 });
    await expect(more).toContainText("1,000 of 1,000 fields", { timeout: 500 });
    // HSCAN may hand out every field before its cursor comes back to 0: keep going until done.
    await expect(loadMore).toBeHidden({ timeout: 500 });
  }).toPass({ timeout: 20_000 });

  // A bare prefix gets "*": field:010 → field:010* → field:0100 … field:0109.
  await page.getByLabel("Filter fields (glob)").fill("field:010");
  await expect(more).toContainText("10 matching · 1,000 fields in all");

  await page.getByLabel("Filter fields (glob)").fill("field:0001");
  await row(page, "field:0001").click();
  const panel = page.getByTestId("field-panel");
  await expect(panel.getByTestId("field-value")).toHaveText("value 1");
  await panel.getByRole("button", { name: "Edit value" }).click();
  await panel.getByLabel("Value", { exact: true }).fill("edited in the UI");
  await panel.getByRole("button", { name: "Save" }).click();
  await expect(panel.getByTestId("field-value")).toHaveText("edited in the UI");
  expect(await redis.hget(key, "field:0001")).toBe("edited in the UI");

  // Someone else changes the field while the user edits: the save is refused and says so.
  await panel.getByRole("button", { name: "Edit value" }).click();
  await redis.hset(key, "field:0001", "changed elsewhere");
  await panel.getByLabel("Value", { exact: true }).fill("my version");
  await panel.getByRole("button", { name: "Save" }).click();
  const notice = panel.getByRole("status").filter({ hasText: "Changed since you loaded it" });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("changed elsewhere");
  expect(await redis.hget(key, "field:0001")).toBe("changed elsewhere");
  await page.mouse.move(0, 0); // no hover on the screenshot
  await shot(page, "viewer-hash-conflict");
  await panel.getByRole("button", { name: "Save anyway" }).click();
  await expect(panel.getByTestId("field-value")).toHaveText("my version");
  expect(await redis.hget(key, "field:0001")).toBe("my version");

  // Add a field; adding one that exists is refused.
  await page.getByRole("button", { name: "Add field" }).click();
  const add = page.getByRole("form", { name: "Add field" });
  await add.getByLabel("Field", { exact: true }).fill("field:0002");
  await add.getByLabel("Value", { exact: true }).fill("dup");
  await add.getByRole("button", { name: "Add" }).click();
  await expect(add.getByText("This field already exists")).toBeVisible();
  expect(await redis.hget(key, "field:0002")).toBe("value 2");
  await add.getByLabel("Field", { exact: true }).fill("new-field");
  await add.getByRole("button", { name: "Add" }).click();
  await expect(add).toBeHidden();
  expect(await redis.hget(key, "new-field")).toBe("dup");

  // Delete asks once more.
  await page.getByLabel("Filter fields (glob)").fill("field:0001");
  await row(page, "field:0001").click();
  await panel.getByRole("button", { name: "Delete field" }).click();
  await panel.getByRole("button", { name: "Delete field" }).click();
  await expect(panel).toBeHidden();
  expect(await redis.hexists(key, "field:0001")).toBe(0);

  // An empty result says so.
  await page.getByLabel("Filter fields (glob)").fill("nothing-like-this");
  await expect(page.getByTestId("rows-empty")).toContainText("No field matches");
  await shot(page, "viewer-hash-empty");
});

test("hash: a binary field and value round-trip byte for byte", async ({ page, redis, shot }) => {
  const key = `${prefix}binhash`;
  const field = Buffer.from([0x66, 0xff, 0x00, 0x01]);
  await redis.hset(key, field, Buffer.from([0x00, 0xfe]));
  await open(page, key);
  await row(page, "f\\xff\\x00\\x01").click();
  const panel = page.getByTestId("field-panel");
  await expect(panel.getByTestId("field-value")).toHaveText("\\x00\\xfe");
  await panel.getByRole("button", { name: "Edit value" }).click();
  const input = panel.getByLabel("Value", { exact: true });
  await expect(input).toHaveValue("00 fe"); // opens in hex: the bytes are not text
  await shot(page, "viewer-hash-binary");
  await input.fill("00 fe zz");
  await panel.getByRole("button", { name: "Save" }).click();
  await expect(panel.getByRole("alert").first()).toContainText("Not hex");
  await input.fill("00 fe 41");
  await panel.getByRole("button", { name: "Save" }).click();
  await expect(panel.getByTestId("field-value")).toHaveText("\\x00\\xfeA");
  expect(await redis.hlen(key)).toBe(1);
  expect(await redis.hgetBuffer(key, field)).toEqual(Buffer.from([0x00, 0xfe, 0x41]));
});

test("list: windows, head/tail, jump, edit, conflict, push, remove, trim", async ({
  page,
  redis,
  shot,
}) => {
  const key = `${prefix}list`;
  await redis.rpush(key, ...Array.from({ length: 1000 }, (_, i) => `item ${i}`));
  await open(page, key);
  const status = page.getByTestId("list-window");
  await expect(status).toHaveText("Items 0–99 of 1,000");
  await page.getByRole("button", { name: "Tail ⇥" }).click();
  await expect(status).toHaveText("Items 900–999 of 1,000");
  await page.getByRole("button", { name: "‹ Prev" }).click();
  await expect(status).toHaveText("Items 800–899 of 1,000");
  // The caller's h-7 wins over Input's own h-8 (cn merges Tailwind classes): 28 px, as the buttons.
  await expect(page.getByLabel("Jump to index")).toHaveCSS("height", "28px");
  await page.getByLabel("Jump to index").fill("-1");
  await page.getByRole("button", { name: "Go" }).click();
  await expect(status).toHaveText("Items 999–999 of 1,000");
  await page.getByLabel("Jump to index").fill("500");
  await page.getByRole("button", { name: "Go" }).click();
  await expect(status).toHaveText("Items 500–599 of 1,000");
  await expect(rows(page).first()).toContainText("item 500");

  await rows(page).first().click();
  const panel = page.getByTestId("item-panel");
  await panel.getByRole("button", { name: "Edit item" }).click();
  await panel.getByLabel("Value", { exact: true }).fill("item 500 edited");
  await panel.getByRole("button", { name: "Save" }).click();
  await expect(panel.getByTestId("item-value")).toHaveText("item 500 edited");
  expect(await redis.lindex(key, 500)).toBe("item 500 edited");
  await shot(page, "viewer-list");

  await panel.getByRole("button", { name: "Edit item" }).click();
  await redis.lset(key, 500, "someone else");
  await panel.getByLabel("Value", { exact: true }).fill("mine");
  await panel.getByRole("button", { name: "Save" }).click();
  await expect(panel.getByText("Changed since you loaded it")).toBeVisible();
  expect(await redis.lindex(key, 500)).toBe("someone else");
  await panel.getByRole("button", { name: "Cancel" }).click();

  await page.getByRole("button", { name: "Push", exact: true }).click();
  await page.getByLabel("New item", { exact: true }).fill("new head");
  await page.getByRole("button", { name: "Push to head" }).click();
  await expect.poll(() => redis.lindex(key, 0)).toBe("new head");
  expect(await redis.llen(key)).toBe(1001);

  await page.getByRole("button", { name: "⇤ Head" }).click();
  await row(page, "new head").click();
  await panel.getByRole("button", { name: "Remove item" }).click();
  await panel.getByRole("button", { name: "Remove item" }).click();
  await expect.poll(() => redis.llen(key)).toBe(1000);
  expect(await redis.lindex(key, 0)).toBe("item 0");

  await page.getByRole("button", { name: "Trim" }).click();
  const trim = page.getByRole("form", { name: "Trim the list" });
  await trim.getByLabel("to index (inclusive)").fill("9");
  await expect(trim).toContainText("Keeps 10 of 1,000 items and deletes 990.");
  await trim.getByRole("button", { name: "Trim" }).click();
  await expect.poll(() => redis.llen(key)).toBe(10);
  await expect(status).toHaveText("Items 0–9 of 10");
});

test("set: filter, load more, add and remove members", async ({ page, redis }) => {
  const key = `${prefix}set`;
  await redis.sadd(key, ...Array.from({ length: 500 }, (_, i) => `member-${i}`));
  await open(page, key);
  const more = page.getByTestId("scan-more");
  await expect(more).toContainText(/of 500 members/);
  await page.getByLabel("Filter members (glob)").fill("member-42");
  await expect(more).toContainText("11 matching · 500 members in all"); // 42, 420…429
  await page.getByRole("button", { name: "Add member" }).click();
  await page.getByLabel("New member", { exact: true }).fill("member-42x");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(more).toContainText("12 matching");
  expect(await redis.sismember(key, "member-42x")).toBe(1);
  await row(page, "member-42x").click();
  const panel = page.getByTestId("member-panel");
  await panel.getByRole("button", { name: "Remove member" }).click();
  await panel.getByRole("button", { name: "Remove member" }).click();
  await expect(more).toContainText("11 matching");
  expect(await redis.sismember(key, "member-42x")).toBe(0);
});

test("sorted set: order, score range, member pattern, score edits", async ({
  page,
  redis,
  shot,
}) => {
  const key = `${prefix}zset`;
  const args: (string | number)[] = [];
  for (let i = 0; i < 500; i++) args.push(i, `m${String(i).padStart(3, "0")}`);
  await redis.zadd(key, ...args);
  await open(page, key);
  const win = page.getByTestId("zset-window");
  await expect(win).toHaveText("Ranks 0–99 · 500 members");
  await expect(rows(page).first()).toContainText("m000");
  await page.getByRole("button", { name: "Next ›" }).click();
  await expect(win).toHaveText("Ranks 100–199 · 500 members");
  await page.getByRole("button", { name: "high → low" }).click();
  await expect(rows(page).first()).toContainText("m499");
  await page.getByLabel("Minimum score").fill("10");
  await page.getByLabel("Maximum score").fill("(20");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(win).toHaveText("Positions 0–9 in the score range · 500 members");
  await expect(rows(page).first()).toContainText("m019");
  await shot(page, "viewer-zset");
  await page.getByLabel("Minimum score").fill("abc");
  await expect(page.getByRole("alert").filter({ hasText: "score bound" })).toBeVisible();
  await page.getByLabel("Minimum score").fill("");
  await page.getByLabel("Maximum score").fill("");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.getByRole("button", { name: "low → high" }).click();

  await page.getByLabel("Filter members (glob)").fill("m04");
  await expect(page.getByTestId("scan-more")).toContainText("10 matching");
  await page.getByLabel("Filter members (glob)").fill("");
  await expect(win).toHaveText("Ranks 0–99 · 500 members");

  await row(page, "m005").click();
  const panel = page.getByTestId("member-panel");
  await panel.getByLabel("Score", { exact: true }).fill("1000");
  await panel.getByRole("button", { name: "Set score" }).click();
  await expect.poll(() => redis.zscore(key, "m005")).toBe("1000");
  await panel.getByLabel("Increment by").fill("2.5");
  await panel.getByRole("button", { name: "Increment" }).click();
  await expect.poll(() => redis.zscore(key, "m005")).toBe("1002.5");
  // The score changed behind the user's back: a set is refused.
  await redis.zadd(key, 7, "m005");
  await panel.getByLabel("Score", { exact: true }).fill("1");
  await panel.getByRole("button", { name: "Set score" }).click();
  await expect(panel.getByText("Changed since you loaded it")).toBeVisible();
  expect(await redis.zscore(key, "m005")).toBe("7");
  await panel.getByRole("button", { name: "Remove member" }).click();
  await panel.getByRole("button", { name: "Remove member" }).click();
  await expect.poll(() => redis.zscore(key, "m005")).toBeNull();
});

test("stream: newest first, older pages, entries, consumer groups", async ({
  page,
  redis,
  shot,
}) => {
  const key = `${prefix}stream`;
  const p = redis.pipeline();
  for (let i = 0; i < 250; i++)
    p.xadd(key, `${1700000000000 + i}-0`, "n", String(i), "kind", "e2e");
  await p.exec();
  await redis.xgroup("CREATE", key, "workers", "0");
  await redis.xreadgroup("GROUP", "workers", "alice", "COUNT", 3, "STREAMS", key, ">");
  await open(page, key);
  await expect(page.getByText("Newest first · 100 of 250 entries loaded")).toBeVisible();
  await expect(rows(page).first()).toContainText("1700000000249-0");
  await page.getByRole("button", { name: "Load older" }).click();
  await page.getByRole("button", { name: "Load older" }).click();
  await expect(page.getByText("250 of 250 entries loaded")).toBeVisible();
  await expect(page.getByRole("button", { name: "Load older" })).toBeHidden();
  await shot(page, "viewer-stream");

  await page.getByRole("button", { name: "Add entry" }).click();
  await page.getByLabel("Field 1").fill("kind");
  await page.getByLabel("Value 1").fill("added in the UI");
  await page
    .getByRole("form", { name: "Add entry" })
    .getByRole("button", { name: "Add entry" })
    .click();
  await expect.poll(() => redis.xlen(key)).toBe(251);
  await expect(rows(page).first()).toContainText("added in the UI");
  await rows(page).first().click();
  const panel = page.getByTestId("entry-panel");
  await panel.getByRole("button", { name: "Delete entry" }).click();
  await panel.getByRole("button", { name: "Delete entry" }).click();
  await expect.poll(() => redis.xlen(key)).toBe(250);

  await page.getByRole("tab", { name: "Consumer groups" }).click();
  const group = page.getByTestId("stream-group").filter({ hasText: "workers" });
  await expect(group).toContainText("pending 3");
  await expect(group).toContainText("alice");
  await shot(page, "viewer-stream-groups");
  await group.getByRole("button", { name: "Ack" }).first().click();
  await expect(group).toContainText("pending 2");
  await page.getByLabel("Group name").fill("ui-group");
  await page.getByRole("button", { name: "Create group" }).click();
  await expect(page.getByTestId("stream-group")).toHaveCount(2);
  const created = page.getByTestId("stream-group").filter({ hasText: "ui-group" });
  await created.getByRole("button", { name: "Delete group" }).click();
  await created.getByRole("button", { name: "Delete group" }).click();
  await expect(page.getByTestId("stream-group")).toHaveCount(1);
  expect((await redis.xinfo("GROUPS", key)) as unknown[]).toHaveLength(1);
});

test("string: modes, JSON/hex editing with validation, conflicts, HyperLogLog", async ({
  page,
  redis,
  shot,
}) => {
  const key = `${prefix}string`;
  await redis.set(key, '{"a":1,"big":12345678901234567890}', "EX", 3600);
  await open(page, key);
  const text = page.getByTestId("value-text");
  await expect(text).toContainText('"big": 12345678901234567890');
  await page.getByRole("button", { name: "base64" }).click();
  await expect(text).toHaveText(
    Buffer.from('{"a":1,"big":12345678901234567890}').toString("base64"),
  );
  const download = page.getByRole("link", { name: "Download" });
  await expect(download).toHaveAttribute("href", /\/key\/download\?key=/);

  await page.getByRole("button", { name: "Edit" }).click();
  const editor = page.getByLabel("Edit value");
  await editor.fill('{"a": 2, "big": 12345678901234567891');
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Not valid JSON" })).toBeVisible();
  await editor.fill('{"a": 2, "big": 12345678901234567891}');
  await page.getByRole("button", { name: "Save" }).click();
  await page
    .getByRole("group", { name: "Show value as" })
    .getByRole("button", { name: "json" })
    .click();
  await expect(text).toContainText('"a": 2');
  // Saved compact, as it was, with the big number exact; the TTL kept.
  expect(await redis.get(key)).toBe('{"a":2,"big":12345678901234567891}');
  expect(await redis.ttl(key)).toBeGreaterThan(3000);

  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByRole("group", { name: "Edit as" }).getByRole("button", { name: "hex" }).click();
  await expect(editor).toHaveValue(/^7b 22 61 22/);
  await redis.set(key, "changed elsewhere", "KEEPTTL");
  await editor.fill("68 69");
  await page.getByRole("button", { name: "Save" }).click();
  const notice = page.getByRole("status").filter({ hasText: "Changed since you loaded it" });
  await expect(notice).toContainText("changed elsewhere");
  await page.mouse.move(0, 0);
  await shot(page, "viewer-string-conflict");
  expect(await redis.get(key)).toBe("changed elsewhere");
  await page.getByRole("button", { name: "Save anyway" }).click();
  await expect(text).toHaveText("hi");
  expect(await redis.get(key)).toBe("hi");

  const hll = `${prefix}hll`;
  await redis.pfadd(hll, ...Array.from({ length: 1000 }, (_, i) => `visitor-${i}`));
  await open(page, hll);
  // PFADD left the cached count stale: the page says so rather than writing it by reading.
  await expect(page.getByTestId("hll-count")).toContainText("not cached");
  await page.getByRole("button", { name: /Count \(PFCOUNT/ }).click();
  await expect(page.getByTestId("hll-count")).toContainText(/about (9\d\d|1,0\d\d) distinct/);
  await expect(page.getByRole("button", { name: "Edit" })).toHaveCount(0);
  await shot(page, "viewer-hll");
});

test("read-only connections show values without any write control", async ({
  page,
  redis,
  shot,
}) => {
  const key = `${prefix}ro-hash`;
  await fillHash(redis, key, 5);
  await open(page, key, "ro");
  await row(page, "field:0001").click();
  await expect(page.getByTestId("field-value")).toHaveText("value 1");
  await expect(page.getByRole("button", { name: "Add field" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Edit value" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete field" })).toHaveCount(0);
  await shot(page, "viewer-read-only");
});

test("new key: every type, and an existing name is refused", async ({ page, redis, shot }) => {
  await page.goto("/c/default/db/0");
  const button = page.getByRole("button", { name: "+ New key" });
  await button.click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Key name", { exact: true }).fill(`${prefix}created`);
  await dialog.getByLabel("Type").selectOption("zset");
  await dialog.getByLabel("Member 1").fill("alice");
  await dialog.getByLabel("Score 1").fill("3");
  await dialog.getByLabel("TTL", { exact: true }).fill("10m");
  await shot(page, "viewer-create-key");
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(page.getByTestId("zset-viewer")).toBeVisible();
  expect(await redis.zscore(`${prefix}created`, "alice")).toBe("3");
  expect(await redis.ttl(`${prefix}created`)).toBeGreaterThan(500);

  await button.click();
  await dialog.getByLabel("Key name", { exact: true }).fill(`${prefix}created`);
  await dialog.getByLabel("Value", { exact: true }).fill("x");
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog.getByText("already exists")).toBeVisible();
  expect(await redis.type(`${prefix}created`)).toBe("zset");
});
