// The demo's seeded random numbers, small helpers and word lists.
import { createHash } from "node:crypto";
import { pyJson } from "../python-formats.mjs";

/**
 * A small, fast, seeded PRNG (mulberry32): the demo data is the same on every run.
 * @param {number} seed
 */
export function makeRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** @type {(min: number, max: number) => number} */
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  /** @type {(n: number, alphabet: string) => string} */
  const chars = (n, alphabet) => {
    let s = "";
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * alphabet.length)];
    return s;
  };
  /** @param {number} n */
  const hex = (n) => chars(n, "0123456789abcdef");
  return {
    next,
    int,
    hex,
    alnum: (/** @type {number} */ n) => chars(n, "abcdefghijklmnopqrstuvwxyz0123456789"),
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${chars(1, "89ab")}${hex(3)}-${hex(12)}`,
    bytes: (/** @type {number} */ n) => Buffer.from(range(n).map(() => int(0, 255))),
  };
}
/** @typedef {ReturnType<typeof makeRng>} Rng */

/** @template T @param {Rng} rng @param {readonly T[]} items @returns {T} */
export function pick(rng, items) {
  return /** @type {T} */ (items[Math.floor(rng.next() * items.length)]);
}

/** @param {Rng} rng @param {[string, number][]} weighted */
export function weightedPick(rng, weighted) {
  let r = rng.next() * weighted.reduce((sum, [, w]) => sum + w, 0);
  for (const [item, w] of weighted) {
    r -= w;
    if (r < 0) return item;
  }
  return weighted[0]?.[0] ?? "";
}

/** @param {number} n */
export const range = (n) => Array.from({ length: n }, (_, i) => i);
/** @param {string} s */
export const b64 = (s) => Buffer.from(s, "base64");
/** @param {string} s */
export const md5 = (s) => createHash("md5").update(s).digest("hex");
/** @param {Rng} rng */
export const slug = (rng) => `${pick(rng, ADJECTIVES)}-${pick(rng, PRODUCTS)}`.toLowerCase();
/** @param {number} t */
export const elapsed = (t) => `${((performance.now() - t) / 1000).toFixed(2)} s`;

/**
 * A Python-style UTC ISO timestamp with microseconds, as Celery writes them.
 * @param {number} ms
 */
export function isoPy(ms) {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000+00:00");
}

/**
 * Distinct, plausible IPv4 addresses (10.x private range and a few public-looking ones).
 * @param {number} i
 */
export function ipFor(i) {
  return `${i % 7 === 0 ? 203 : 10}.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
}

/**
 * @param {Rng} rng
 * @param {number} id
 */
export function productJson(rng, id) {
  return pyJson({
    id,
    name: `${pick(rng, ADJECTIVES)} ${pick(rng, PRODUCTS)}`,
    price: rng.int(199, 49999) / 100,
    stock: rng.int(0, 500),
  });
}

export const FIRST_NAMES = [
  "Ada",
  "Grace",
  "Alan",
  "Edsger",
  "Barbara",
  "Ken",
  "Margaret",
  "Linus",
  "Guido",
  "Radia",
  "Donald",
  "Frances",
  "Tim",
  "Hedy",
  "Dennis",
  "Katherine",
];
export const LAST_NAMES = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Dijkstra",
  "Liskov",
  "Thompson",
  "Hamilton",
  "Torvalds",
  "Rossum",
  "Perlman",
  "Knuth",
  "Allen",
  "Berners-Lee",
  "Lamarr",
  "Ritchie",
  "Johnson",
];
export const ADJECTIVES = [
  "Classic",
  "Compact",
  "Deluxe",
  "Ergonomic",
  "Handmade",
  "Modern",
  "Rustic",
  "Sleek",
  "Vintage",
  "Wireless",
];
export const PRODUCTS = [
  "Chair",
  "Desk",
  "Lamp",
  "Mug",
  "Notebook",
  "Pen",
  "Backpack",
  "Keyboard",
  "Headphones",
  "Bottle",
];
export const CATEGORIES = ["office", "kitchen", "audio", "travel", "garden"];
export const DOC_SECTIONS = ["api", "guides", "faq", "changelog"];
export const ACTIONS = [
  "page_view",
  "search",
  "signup",
  "login",
  "add_to_cart",
  "purchase",
  "logout",
];

export const ONE_PIXEL_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
