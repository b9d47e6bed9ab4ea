// The "values" section in a browser: each big key opened in Chromium (Playwright, Debian's
// /usr/bin/chromium, never a downloaded one), timed to the moment its value shows, with the JS
// heap the page uses and keeps.
import { existsSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { CHROMIUM_ARGS } from "../lib/chromium.mjs";

import { int, log, ms1, onCleanup } from "./util.mjs";
import { CHROMIUM, MiB } from "./values-data.mjs";

/**
 * @typedef {import("@playwright/test").Page} Page
 * @typedef {import("@playwright/test").CDPSession} CDPSession
 * @typedef {import("./values-data.mjs").BigKey} BigKey
 * @typedef {{ url: string, rsc: boolean, start: number, ms: number }} Tracked
 * @typedef {{ used: number | null, kept: number | null }} Heap
 * @typedef {Heap & { spec: BigKey, ms: number, requests: string, how?: string }} Opened
 * @typedef {{ version: string, sameTab: Opened[], fresh: Opened[], empty: Heap & { ms: number } }} Browser
 */

/**
 * Polls the page until the key's details show its value: the viewer for its type, a row (or
 * the text of a string), and no "Loading" anywhere in the panel. Resolves to the page's clock
 * at that moment (epoch ms, like `performance.timeOrigin`).
 * @param {Page} page
 * @param {BigKey} spec
 * @returns {Promise<number>}
 */
async function waitForValue(page, spec, timeout = 120_000) {
  const handle = await page.waitForFunction(
    ({ key, type }) => {
      const d = document.querySelector('[data-testid="key-details"]');
      if (!d) return false;
      if (d.querySelector("h2")?.textContent?.trim() !== key) return false;
      if (/Loading/.test(d.textContent ?? "")) return false;
      if (!d.querySelector(`[data-testid="${type}-viewer"]`)) return false;
      const content = d.querySelector(
        type === "string" ? '[data-testid="value-text"]' : '[data-testid="value-row"]',
      );
      if (content === null || content.getBoundingClientRect().height === 0) return false;
      return performance.timeOrigin + performance.now();
    },
    { key: spec.key, type: spec.type },
    { polling: 10, timeout },
  );
  return /** @type {number} */ (await handle.jsonValue());
}

/**
 * The page's clock at its next click (epoch ms), read with `clickedAt()`; null before one.
 * @param {Page} page
 */
async function armClickClock(page) {
  /** @typedef {Window & { __benchClickAt?: number | null }} BenchWindow */
  await page.evaluate(() => {
    const w = /** @type {BenchWindow} */ (window);
    w.__benchClickAt = null;
    document.addEventListener(
      "click",
      () => {
        w.__benchClickAt ??= performance.timeOrigin + performance.now();
      },
      { capture: true, once: true },
    );
  });
  return () => page.evaluate(() => /** @type {BenchWindow} */ (window).__benchClickAt ?? null);
}

/**
 * The page's requests to Keyscope (not its static assets) that finish until `stop()`.
 * @param {Page} page
 * @param {string} base
 */
function trackRequests(page, base) {
  /** @type {Tracked[]} */
  const list = [];
  /** @param {import("@playwright/test").Request} req */
  const onFinished = (req) => {
    const url = req.url();
    if (!url.startsWith(base) || url.includes("/_next/static/")) return;
    const t = req.timing();
    list.push({ url, rsc: req.headers().rsc === "1", start: t.startTime, ms: t.responseEnd });
  };
  page.on("requestfinished", onFinished);
  return {
    stop() {
      page.off("requestfinished", onFinished);
      return list.sort((a, b) => a.start - b.start);
    },
  };
}

/**
 * "`…/key` 9 ms (+150), …": what the page waited for, each starting that long after `t0`.
 * @param {Tracked[]} list
 * @param {number} t0
 */
function requestsText(list, t0) {
  return list
    .map((r) => {
      const u = new URL(r.url);
      u.searchParams.delete("_rsc");
      const path = `${u.pathname.replace(/^\/api\/connections\/[^/]+\/db\/\d+/, "…")}${u.search ? (r.rsc || u.pathname.startsWith("/c/") ? u.search : "") : ""}`;
      const kind = r.rsc ? "RSC " : u.pathname.startsWith("/api/") ? "" : "page ";
      return `${kind}\`${path}\` ${r.ms >= 0 ? ms1(r.ms) : "?"} (+${Math.max(0, r.start - t0).toFixed(0)})`;
    })
    .join(", ");
}

/**
 * usedJSHeapSize as the page is, and after a full GC (what it keeps).
 * @param {Page} page
 * @param {CDPSession} cdp
 * @returns {Promise<Heap>}
 */
async function heapOf(page, cdp) {
  // performance.memory is Chromium's own, so the DOM types do not know it.
  const read = () =>
    page.evaluate(() => /** @type {any} */ (performance).memory?.usedJSHeapSize ?? null);
  const used = await read();
  await cdp.send("HeapProfiler.collectGarbage");
  const kept = await read();
  return { used, kept };
}

/**
 * Opens every big key in Chromium: one tab throughout (the key browser first, then each key by a
 * click on its row in the list, as a person would; `page.goto` to its address if the row cannot
 * be clicked), then a fresh browser context per key straight at `/c/default/db/0?key=…`.
 * @param {string} base
 * @param {BigKey[]} specs
 * @returns {Promise<Browser | { error: string }>}
 */
export async function browserHeaps(base, specs) {
  if (!existsSync(CHROMIUM)) return { error: `${CHROMIUM} is missing` };
  let chromium;
  try {
    ({ chromium } = await import("@playwright/test"));
  } catch (e) {
    return { error: `@playwright/test could not be loaded: ${/** @type {Error} */ (e).message}` };
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      ...CHROMIUM_ARGS,
      // performance.memory is otherwise rounded to coarse buckets and refreshed rarely
      "--enable-precise-memory-info",
    ],
  });
  onCleanup(() => browser.close().catch(() => {}));
  const version = browser.version();
  const dbUrl = `${base}/c/default/db/0`;
  /** @param {BigKey} s */
  const keyUrl = (s) => `${dbUrl}?key=${encodeURIComponent(s.key)}`;
  /** @type {Opened[]} */
  const sameTab = [];
  /** @type {Opened[]} */
  const fresh = [];
  /** @type {(Heap & { ms: number }) | undefined} */
  let empty;
  try {
    // -- one tab throughout ---------------------------------------------------------------------
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const t0 = performance.now();
    await page.goto(dbUrl);
    await page.locator('[data-testid="key-row"]').first().waitFor({ timeout: 60_000 });
    const emptyMs = performance.now() - t0;
    empty = { ms: emptyMs, ...(await heapOf(page, cdp)) };
    log(`browser: key browser, no key open: ${ms1(emptyMs)}, heap ${heapText(empty)}`);
    for (const s of specs) {
      const row = page
        .locator('[data-testid="key-row"]')
        .filter({ has: page.getByText(s.key, { exact: true }) });
      let how = "click on its row";
      const tracked = trackRequests(page, base);
      // Timed on the page's own clock, from the click event (not Playwright's actionability
      // checks before it) or the navigation's start, to the moment the value shows.
      const clickedAt = await armClickClock(page);
      let startedAt;
      try {
        await row.first().click({ timeout: 5000 });
        startedAt = await clickedAt();
      } catch {
        how = "page.goto";
        await page.goto(keyUrl(s));
        startedAt = await page.evaluate(() => performance.timeOrigin);
      }
      const shownAt = await waitForValue(page, s);
      const ms = shownAt - (startedAt ?? 0);
      const requests = requestsText(tracked.stop(), startedAt ?? 0);
      const heap = await heapOf(page, cdp);
      sameTab.push({ spec: s, how, ms, ...heap, requests });
      log(`browser, same tab: ${s.key} (${how}) shown in ${ms1(ms)}, heap ${heapText(heap)}`);
      log(`  requests: ${requests}`);
    }
    await context.close();

    // -- a fresh tab (and browser context) per key ---------------------------------------------
    for (const s of specs) {
      const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const p = await ctx.newPage();
      const c = await ctx.newCDPSession(p);
      const tracked = trackRequests(p, base);
      await p.goto(keyUrl(s));
      const shownAt = await waitForValue(p, s);
      const startedAt = await p.evaluate(() => performance.timeOrigin); // the navigation's start
      const ms = shownAt - startedAt;
      const requests = requestsText(tracked.stop(), startedAt);
      const heap = await heapOf(p, c);
      fresh.push({ spec: s, ms, ...heap, requests });
      log(`browser, fresh tab: ${s.key} shown in ${ms1(ms)}, heap ${heapText(heap)}`);
      log(`  requests: ${requests}`);
      await ctx.close();
    }
  } finally {
    await browser.close().catch(() => {});
  }
  // `empty` is set before anything else in the try block, which throws past this otherwise.
  return { version, sameTab, fresh, empty: /** @type {Heap & { ms: number }} */ (empty) };
}

/** @param {number | null} bytes */
export const heapMiB = (bytes) => (bytes === null ? "?" : `${(bytes / MiB).toFixed(1)} MiB`);
/** @param {Heap} h */
export const heapText = (h) => `${heapMiB(h.used)} (${heapMiB(h.kept)} after GC)`;
/** @param {BigKey} s */
export const sizeText = (s) =>
  s.type === "string" ? `${int(s.size / MiB)} MiB` : `${int(s.size)} ${s.unit}`;
