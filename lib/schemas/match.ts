import type { z } from "zod";

// Glob patterns as Redis's stringmatchlen reads them (SCAN/HSCAN/SSCAN/ZSCAN MATCH): `*`, `?`,
// `[…]` classes (`^` negates, `a-z` ranges, `\` escapes inside), `\x` a literal x. The matcher
// backtracks: after a `*` it retries the rest of the pattern at every position of the key, so
// one key costs about (key length × what follows the star), and classes cost per byte of the
// class. Measured on Redis 7.0, 10,000 keys of 200 bytes per SCAN step: `*` + `?`×63 + `b`
// held Redis 248 ms, `*` + `[a-z]`×63 + `b` 936 ms, plain `user:*` 8 ms. Two defences:
// absurd patterns are refused here (limits below), and lib/redis/scan-pace.ts lowers the COUNT
// of one step by the pattern's cost.

/** The limits of an accepted pattern; the refusal's message states them. */
export const MATCH_LIMITS = {
  /** Bytes. Long enough for an exact long key name (a filter without wildcards is cheap). */
  maxBytes: 1024,
  /** `*` wildcards (a run of them counts once, as Redis collapses it). */
  maxStars: 16,
  /** `?` and `[…]` wildcards together. */
  maxSingles: 64,
} as const;

export type MatchShape = {
  stars: number;
  singles: number;
  /**
   * What one position after the first `*` may cost to retry, in units of one `?`: every token
   * after it (a literal, `?` or star 1, a class 1 + half its bytes). 0 without a star, or when
   * the star ends the pattern (`user:*` costs no more than its prefix).
   */
  tail: number;
};

const STAR = 0x2a;
const QUESTION = 0x3f;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const BACKSLASH = 0x5c;

/** The tokens of a pattern, counted as stringmatchlen walks them. */
export function matchShape(p: Uint8Array): MatchShape {
  let stars = 0;
  let singles = 0;
  let tail = 0;
  let afterStar = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    let weight = 1;
    if (c === STAR) {
      while (p[i + 1] === STAR) i++;
      stars++;
      if (!afterStar) {
        afterStar = true;
        continue;
      }
    } else if (c === QUESTION) {
      singles++;
    } else if (c === OPEN) {
      // To the closing `]` (an unclosed class runs to the end, as in Redis).
      const start = i;
      i++;
      while (i < p.length && p[i] !== CLOSE) i += p[i] === BACKSLASH ? 2 : 1;
      singles++;
      weight = 1 + (i - start + 1) / 2;
    } else if (c === BACKSLASH) {
      i++;
    }
    if (afterStar) tail += weight;
  }
  return { stars, singles, tail };
}

/** The reason a pattern is refused, or null when it is within MATCH_LIMITS. */
export function matchProblem(p: Uint8Array): string | null {
  const { maxBytes, maxStars, maxSingles } = MATCH_LIMITS;
  const limits = `at most ${maxBytes} bytes, ${maxStars} \`*\` and ${maxSingles} \`?\` or \`[…]\` wildcards, so that one SCAN step cannot hold Redis`;
  if (p.length > maxBytes) return `the pattern is ${p.length} bytes; ${limits}`;
  const { stars, singles } = matchShape(p);
  if (stars > maxStars || singles > maxSingles)
    return `the pattern has ${stars} \`*\` and ${singles} \`?\` or \`[…]\`; ${limits}`;
  return null;
}

/** Adds a zod issue naming `match` when the pattern is over the limits. */
export function checkMatch(p: Uint8Array | undefined, ctx: z.RefinementCtx<unknown>): void {
  const problem = p === undefined ? null : matchProblem(p);
  if (problem !== null) ctx.addIssue({ code: "custom", message: problem, path: ["match"] });
}

/** A job's pattern (bulk, export): not empty, and within the limits. */
export function checkJobMatch(p: Uint8Array, ctx: z.RefinementCtx<unknown>): void {
  if (p.length === 0)
    ctx.addIssue({
      code: "custom",
      message: 'match must not be empty (use "*" for all keys)',
      path: ["match"],
    });
  checkMatch(p, ctx);
}

/** `p`, once checked (in a transform: a pattern over the limits adds its issue). */
export function checkedMatch<T extends Uint8Array | undefined>(
  p: T,
  ctx: z.RefinementCtx<unknown>,
): T {
  checkMatch(p, ctx);
  return p;
}
