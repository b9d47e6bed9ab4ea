import "server-only";

// Redis's glob (util.c stringmatchlen) over bytes, for filtering where Redis cannot: keyevent
// notifications carry the key in the message, not the channel, so PSUBSCRIBE cannot match it.
// Patterns reaching here passed lib/schemas/match.ts's limits, which bound the backtracking.

const STAR = 0x2a;
const QUESTION = 0x3f;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const BACKSLASH = 0x5c;
const CARET = 0x5e;
const DASH = 0x2d;

/** Whether `s` matches the glob `p` as Redis matches it (case-sensitive). */
export function globMatch(p: Uint8Array, s: Uint8Array): boolean {
  return matchFrom(p, 0, s, 0);
}

function matchFrom(p: Uint8Array, pi: number, s: Uint8Array, si: number): boolean {
  while (pi < p.length && si < s.length) {
    const c = p[pi] as number;
    if (c === STAR) {
      while (p[pi + 1] === STAR) pi++;
      if (pi + 1 === p.length) return true;
      for (let at = si; at <= s.length; at++) if (matchFrom(p, pi + 1, s, at)) return true;
      return false;
    }
    if (c === QUESTION) {
      si++;
      pi++;
      continue;
    }
    if (c === OPEN) {
      const { matched, next } = matchClass(p, pi + 1, s[si] as number);
      if (!matched) return false;
      pi = next;
      si++;
      continue;
    }
    let literal = c;
    if (c === BACKSLASH && pi + 1 < p.length) literal = p[++pi] as number;
    if (literal !== s[si]) return false;
    pi++;
    si++;
  }
  // The string is used up: what is left of the pattern must be stars only.
  while (p[pi] === STAR) pi++;
  return pi === p.length && si === s.length;
}

/** One `[…]` class from `pi` (just after `[`): whether `b` is in it, and where the pattern goes on. */
function matchClass(p: Uint8Array, pi: number, b: number): { matched: boolean; next: number } {
  const not = p[pi] === CARET;
  if (not) pi++;
  let matched = false;
  for (;;) {
    if (pi >= p.length) {
      pi--; // an unclosed class ends the pattern, as in Redis
      break;
    }
    const c = p[pi] as number;
    if (c === CLOSE) break;
    if (c === BACKSLASH && pi + 1 < p.length) {
      pi++;
      if (p[pi] === b) matched = true;
    } else if (p[pi + 1] === DASH && pi + 2 < p.length) {
      let lo = c;
      let hi = p[pi + 2] as number;
      if (lo > hi) [lo, hi] = [hi, lo];
      if (b >= lo && b <= hi) matched = true;
      pi += 2;
    } else if (c === b) matched = true;
    pi++;
  }
  return { matched: not ? !matched : matched, next: pi + 1 };
}
