import { existsSync, readFileSync } from "node:fs";
import { deflateSync, gzipSync } from "node:zlib";
import type { Page } from "@playwright/test";
import type { Redis } from "ioredis";
import { expect, test } from "./fixtures";

// Decoded values in the viewers (components/viewers/decoded). Database 5 holds what Django
// really wrote (fixtures/python-apps.json, its db 0) and this spec's own values; database 6 the
// Celery queues and results (its dbs 2 and 3). Both are used by no other spec and flushed
// before and after. Each case is shot light and dark (e2e/screenshots/decoded-*.png).

const DB = 5;
const CELERY_DB = 6;
const SESSION = ":1:django.contrib.sessions.cache5t1v7mhcijurnavmofv5zlea3bt3yf68";
const SESSION_2 = ":1:django.contrib.sessions.cacheq8w2e4r6t8y0u2i4o6p8a0s2d4f6g8h0";
const CACHE_PAGE_PREFIX = ":1:views.decorators.cache.cache_page.";
const PWNED = `/tmp/keyscope-pwned-${process.pid}-${Date.now()}`;
const HOSTILE = Buffer.from("cos\nsystem\n(S'echo pwned'\ntR.", "latin1");
const HOSTILE_TOUCH = Buffer.from(`cos\nsystem\n(S'touch ${PWNED}'\ntR.`, "latin1");
const ARTICLE = { title: "Compressed in Node", tags: ["zlib", "e2e"], words: 1234 };

type Entry = { db: number; key: string; type: string; ttl: number; value: unknown };
const fixture = JSON.parse(readFileSync("fixtures/python-apps.json", "utf8")) as {
  keys: Entry[];
};
const b = (s: string) => Buffer.from(s, "base64");
const fixtureKey = (prefix: string) => {
  const e = fixture.keys.find((k) => b(k.key).toString("latin1").startsWith(prefix));
  if (!e) throw new Error(`no fixture key ${prefix}`);
  return b(e.key).toString("utf8");
};

async function seed(redis: Redis) {
  for (const db of [DB, CELERY_DB]) {
    await redis.select(db);
    await redis.flushdb();
  }
  for (const e of fixture.keys) {
    const db = e.db === 0 ? DB : e.db >= 2 ? CELERY_DB : null;
    if (db === null) continue;
    await redis.select(db);
    const key = b(e.key);
    if (e.type === "string") await redis.set(key, b(e.value as string));
    else if (e.type === "list") await redis.rpush(key, ...(e.value as string[]).map(b));
    else if (e.type === "set") await redis.sadd(key, ...(e.value as string[]).map(b));
  }
  await redis.select(DB);
  const session = (await redis.getBuffer(SESSION)) as Buffer;
  await redis.set(SESSION_2, session);
  await redis.set(":1:hostile", HOSTILE);
  // [x, x] with x = [1] (protocol 2, hand-assembled): the second x is a reference to the first.
  await redis.set(":1:shared", Buffer.from("\x80\x02]q\x00(]q\x01K\x01ah\x01e.", "latin1"));
  await redis.set(":1:hostile-touch", HOSTILE_TOUCH);
  await redis.set("e2e:z:1:article", deflateSync(JSON.stringify(ARTICLE)));
  await redis.set("e2e:z:1:other", deflateSync(JSON.stringify({ other: true })));
  await redis.set("e2e:gz:1:note", gzipSync("a gzip note, plain text inside"));
  await redis.set("e2e:j:1:article", JSON.stringify(ARTICLE));
  await redis.set("e2e:j:1:other", JSON.stringify({ other: true }));
  await redis.set("e2e:plain:text", "just some words");
  await redis.set("e2e:plain:json", JSON.stringify({ a: 1, b: [true, null] }));
  await redis.hset("e2e:hash:profile", {
    profile: JSON.stringify({ user: { id: 42, name: "Ada" }, roles: ["admin", "dev"] }),
    note: "plain text",
  });
  // A big document: 8,000 objects (24,000 nodes) passes the 20,000-node limit of a decoding.
  const big = Array.from({ length: 8000 }, (_, i) => ({ id: i, name: `item ${i}` }));
  await redis.set("e2e:big:json", JSON.stringify(big));
  await redis.select(0);
}

async function openKey(page: Page, key: string, db = DB) {
  await page.goto(`/c/default/db/${db}?key=${encodeURIComponent(key)}`);
  await expect(page.getByTestId("key-details")).toBeVisible();
}

/** Relative luminance (0 black … 1 white) of an element's background, whatever CSS spells it in. */
async function backgroundLuminance(page: Page, testId: string): Promise<number | null> {
  return page.evaluate((id) => {
    const el = document.querySelector(`[data-testid="${id}"]`);
    if (!el) return null;
    const ctx = document.createElement("canvas").getContext("2d") as CanvasRenderingContext2D;
    ctx.fillStyle = getComputedStyle(el).backgroundColor;
    ctx.fillRect(0, 0, 1, 1);
    const [r = 0, g = 0, b = 0] = ctx.getImageData(0, 0, 1, 1).data;
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  }, testId);
}

/** The same screen light, then dark (its surfaces checked dark); back to light after. */
async function shots(page: Page, shot: (p: Page, n: string) => Promise<void>, name: string) {
  await page.mouse.move(0, 0);
  await shot(page, `decoded-${name}-light`);
  await page.emulateMedia({ colorScheme: "dark" });
  // Buttons fade their colours (transition-colors): let them finish before the shot.
  await page.waitForTimeout(400);
  await shot(page, `decoded-${name}-dark`);
  // A missing dark: class would leave a light surface on the dark page.
  for (const id of ["decoded-tree", "decoded-text"]) {
    const l = await backgroundLuminance(page, id);
    if (l !== null) expect(l, `${id} background in dark mode`).toBeLessThan(0.2);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

const view = (page: Page) => page.getByTestId("decoded-view").first();
const chips = (page: Page) => page.getByTestId("decode-chain").first();
const tree = (page: Page) => page.getByTestId("decoded-tree").first();
/** Plain JSON strings open in the JSON mode; the decoded view is one click away. */
const decodedMode = (page: Page) =>
  page
    .getByRole("group", { name: "Show value as" })
    .getByRole("button", { name: "decoded" })
    .click();

test.describe("decoded values", () => {
  test.beforeAll(async ({ redis }) => seed(redis));
  test.afterAll(async ({ redis }) => {
    for (const db of [DB, CELERY_DB]) {
      await redis.select(db);
      await redis.flushdb();
    }
  });
  test.beforeEach(async ({ page }) => {
    // Each test starts with no remembered choice.
    await page.goto("/");
    await page.evaluate(() => {
      for (const k of Object.keys(localStorage))
        if (k.startsWith("keyscope:decode:")) localStorage.removeItem(k);
    });
  });

  test("a Django session (pickle): the dict, the app and its key parts", async ({ page, shot }) => {
    await openKey(page, SESSION);
    const app = page.getByTestId("key-app");
    await expect(app).toContainText("Django");
    await expect(app).toContainText("session");
    await expect(app).toContainText("version 1");
    await expect(chips(page)).toContainText("pickle");
    await expect(tree(page)).toContainText("_auth_user_id");
    await expect(tree(page)).toContainText("'pen-3'");
    await view(page).getByRole("button", { name: "text" }).click();
    await expect(page.getByTestId("decoded-text")).toContainText("'_auth_user_id': '23'");
    await view(page).getByRole("button", { name: "tree" }).click();
    await shots(page, shot, "django-session");
  });

  test("a cached page (HttpResponse pickle): an inert object with its content", async ({
    page,
    shot,
  }) => {
    await openKey(page, fixtureKey(CACHE_PAGE_PREFIX));
    await expect(page.getByTestId("key-app")).toContainText("Django");
    await expect(chips(page)).toContainText("pickle");
    await expect(view(page)).toContainText("HttpResponse");
    await view(page).getByRole("button", { name: "text" }).click();
    await expect(page.getByTestId("decoded-text")).toContainText("landing page");
    await shots(page, shot, "django-cache-page");
  });

  test("a msgpack value", async ({ page, shot }) => {
    await openKey(page, "mm:1:cfg");
    await expect(chips(page)).toContainText("msgpack");
    await expect(tree(page)).toContainText("sepia");
    await shots(page, shot, "msgpack");
  });

  test("compressed values: zlib → json, gzip → text, and Django's zlib'd pickle", async ({
    page,
    shot,
  }) => {
    await openKey(page, "e2e:z:1:article");
    await expect(chips(page).getByTestId("decode-chip")).toHaveText(["zlib▾", "json▾"]);
    await expect(tree(page)).toContainText('"Compressed in Node"');
    await expect(page.getByTestId("decoded-summary-line")).toContainText("json");
    await shots(page, shot, "zlib-json");

    await openKey(page, "e2e:gz:1:note");
    await expect(chips(page).getByTestId("decode-chip")).toHaveText(["gzip▾", "text▾"]);
    await expect(view(page)).toContainText("a gzip note, plain text inside");
    await shots(page, shot, "gzip-text");

    await openKey(page, "zz:1:article");
    await expect(chips(page)).toContainText("zlib");
    await expect(view(page)).toContainText("Squeezed");
  });

  test("a hostile pickle is shown as an inert call, and runs nothing", async ({ page, shot }) => {
    await openKey(page, ":1:hostile-touch");
    await expect(chips(page)).toContainText("pickle");
    await expect(view(page)).toContainText("system");
    expect(existsSync(PWNED)).toBe(false);
    await openKey(page, ":1:hostile");
    await expect(chips(page)).toContainText("pickle");
    await expect(tree(page)).toContainText("os.system");
    await expect(tree(page)).toContainText("echo pwned");
    await shots(page, shot, "hostile-pickle");
    expect(existsSync(PWNED)).toBe(false);
  });

  test("a shared node: the second occurrence links to the first", async ({ page }) => {
    await openKey(page, ":1:shared");
    await expect(chips(page)).toContainText("pickle");
    const t = tree(page);
    await t.getByRole("button", { name: "Collapse" }).nth(1).click();
    const ref = t.getByTestId("decoded-ref");
    await expect(ref).toHaveCount(1);
    await ref.click();
    // The target opens again and is marked.
    await expect(t.getByRole("button", { name: "Collapse" })).toHaveCount(2);
    await expect(t.locator("[data-flash]")).toBeVisible();
  });

  test("a hash with a JSON field: the summary inline, the tree when opened", async ({
    page,
    shot,
  }) => {
    await openKey(page, "e2e:hash:profile");
    const profile = page.getByTestId("value-row").filter({ hasText: "profile" });
    await expect(profile.getByTestId("decoded-badge")).toHaveText("json · dict of 2");
    await expect(
      page.getByTestId("value-row").filter({ hasText: "note" }).getByTestId("decoded-badge"),
    ).toHaveCount(0);
    await profile.click();
    const panel = page.getByTestId("field-panel");
    // Plain JSON opens raw (pretty, numbers exact); the decoded tree is one click away.
    await expect(panel.getByTestId("field-value")).toContainText('"id": 42');
    await panel.getByRole("button", { name: "decoded" }).click();
    await expect(panel.getByTestId("decoded-tree")).toContainText('"Ada"');
    await panel.getByRole("button", { name: "Collapse" }).first().click();
    await expect(panel.getByTestId("decoded-tree")).toContainText("object · 2");
    await shots(page, shot, "hash-json-field");
  });

  test("overriding the chain with a chip sticks for another key of the pattern, until reset", async ({
    page,
    shot,
  }) => {
    await openKey(page, "e2e:j:1:article");
    await decodedMode(page);
    await expect(chips(page).getByTestId("decode-chip")).toHaveText(["uncompressed▾", "json▾"]);
    await chips(page).getByRole("button", { name: "Format" }).click();
    const menu = page.getByRole("menu", { name: "Format" });
    await expect(menu).toContainText("Applies to keys like e2e:j:1:*");
    await menu.getByRole("menuitemradio", { name: "text" }).click();
    await expect(chips(page).getByTestId("decode-chip")).toHaveText(["uncompressed▾", "text▾"]);
    await expect(page.getByTestId("decode-forced")).toHaveText("forced for e2e:j:1:*");
    await expect(view(page)).toContainText('{"title":"Compressed in Node"');
    await shots(page, shot, "forced-chain");

    // Another key of the pattern is read with the same chain, and opens decoded.
    await openKey(page, "e2e:j:1:other");
    await expect(chips(page).getByTestId("decode-chip")).toHaveText(["uncompressed▾", "text▾"]);
    await expect(view(page)).toContainText('{"other":true}');
    const stored = await page.evaluate(() => localStorage.getItem("keyscope:decode:default"));
    expect(JSON.parse(stored ?? "{}").rules).toMatchObject([
      { pattern: "e2e:j:1:*", choice: { format: "text" } },
    ]);
    // A key of another pattern is not.
    await openKey(page, "e2e:plain:json");
    await decodedMode(page);
    await expect(chips(page).getByTestId("decode-chip")).toHaveText(["uncompressed▾", "json▾"]);
    await expect(page.getByTestId("decode-forced")).toHaveCount(0);

    // The compression chip: zlib on bytes that are not zlib says so.
    await openKey(page, "e2e:j:1:other");
    await chips(page).getByRole("button", { name: "Compression" }).click();
    await page
      .getByRole("menu", { name: "Compression" })
      .getByRole("menuitemradio", { name: "zlib" })
      .click();
    await expect(page.getByRole("alert").filter({ hasText: "Not zlib → text" })).toBeVisible();
    await page.getByRole("button", { name: "Back to auto" }).click();
    await decodedMode(page);
    await expect(chips(page).getByTestId("decode-chip")).toHaveText(["uncompressed▾", "json▾"]);
    await openKey(page, "e2e:j:1:article");
    await expect(page.getByTestId("value-text")).toContainText('"title": "Compressed in Node"');

    // Django sessions: the pattern keeps the session prefix, not just ":1:".
    await openKey(page, SESSION);
    await decodedMode(page);
    await chips(page).getByRole("button", { name: "Format" }).click();
    await expect(page.getByRole("menu", { name: "Format" })).toContainText(
      "Applies to keys like :1:django.contrib.sessions.cache*",
    );
    await page
      .getByRole("menu", { name: "Format" })
      .getByRole("menuitemradio", { name: "hex" })
      .click();
    await expect(page.getByTestId("decode-forced")).toHaveText(
      "forced for :1:django.contrib.sessions.cache*",
    );
    await openKey(page, SESSION_2);
    await expect(chips(page).getByTestId("decode-chip")).toContainText(["hex▾"]);
    await openKey(page, ":1:hostile");
    await expect(page.getByTestId("decode-forced")).toHaveCount(0);
    await openKey(page, SESSION_2);
    await page.getByRole("button", { name: "Reset to auto" }).click();
    await expect(page.getByTestId("decode-forced")).toHaveCount(0);
  });

  test("copy as JSON", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await openKey(page, "e2e:j:1:article");
    await decodedMode(page);
    await expect(tree(page)).toContainText('"Compressed in Node"');
    await page.getByRole("button", { name: "Copy as JSON" }).click();
    await expect(page.getByText("Copied as JSON.")).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(JSON.parse(copied)).toEqual(ARTICLE);
  });

  test("copy as JSON of a compressed value", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await openKey(page, "e2e:z:1:article");
    await expect(tree(page)).toBeVisible();
    await page.getByRole("button", { name: "Copy as JSON" }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(JSON.parse(copied)).toEqual(ARTICLE);
  });

  test("a big value: partly decoded, rendered a chunk at a time", async ({ page, shot }) => {
    await openKey(page, "e2e:big:json");
    await page
      .getByRole("group", { name: "Show value as" })
      .getByRole("button", { name: "decoded" })
      .click();
    await expect(page.getByRole("status").filter({ hasText: "Partly decoded" })).toContainText(
      "more than 20000 nodes",
    );
    const t = tree(page);
    await t.getByRole("button", { name: "Expand" }).first().click();
    // 100 children rendered, the rest on demand.
    await expect(t.getByRole("button", { name: /^Show 500 more of / })).toBeVisible();
    await t.getByRole("button", { name: /^Show 500 more of / }).click();
    await expect(t).toContainText("[599]");
    await shots(page, shot, "big");
  });

  test("a forced format that does not fit says so and changes nothing", async ({
    page,
    redis,
    shot,
  }) => {
    await openKey(page, "e2e:plain:json");
    await page
      .getByRole("group", { name: "Show value as" })
      .getByRole("button", { name: "decoded" })
      .click();
    await chips(page).getByRole("button", { name: "Format" }).click();
    const menu = page.getByRole("menu", { name: "Format" });
    await menu.getByLabel("This key only").check();
    await menu.getByRole("menuitemradio", { name: "pickle" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "Not pickle" });
    await expect(alert).toBeVisible();
    await expect(page.getByTestId("decode-forced")).toHaveText("forced for e2e:plain:json");
    await shots(page, shot, "error");
    await redis.select(DB);
    expect(await redis.get("e2e:plain:json")).toBe(JSON.stringify({ a: 1, b: [true, null] }));
    await redis.select(0);
    await alert.getByRole("button", { name: "Back to auto" }).click();
    await expect(alert).toHaveCount(0);
  });

  test("nothing recognised: plain text opens as text, Decoded says so and offers the formats", async ({
    page,
    shot,
  }) => {
    await openKey(page, "e2e:plain:text");
    await expect(page.getByTestId("value-text")).toHaveText("just some words");
    await decodedMode(page);
    await expect(page.getByRole("status").filter({ hasText: "No known format" })).toBeVisible();
    await expect(chips(page).getByTestId("decode-chip")).toHaveText([
      "uncompressed▾",
      "not recognised▾",
    ]);
    await shots(page, shot, "empty");
  });

  test("a Celery queue: each message's task inline, the message when opened", async ({
    page,
    shot,
  }) => {
    await openKey(page, "celery", CELERY_DB);
    const first = page.getByTestId("value-row").first();
    await expect(first.getByTestId("decoded-badge")).toContainText("proj.resize_image");
    await first.click();
    await expect(page.getByTestId("item-panel").getByTestId("decoded-view")).toContainText(
      "grace@example.org",
    );
    await shots(page, shot, "celery-queue");
  });
});
