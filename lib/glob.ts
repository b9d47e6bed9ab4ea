// Redis's glob (util.c stringmatchlen: `*`, `?`, `[…]` with `^` and ranges, `\x` a literal x)
// over bytes, for filtering where Redis cannot: the profiler's MONITOR lines, keyevent
// notifications (the key is in the message, not the channel) and pub/sub patterns. The one
// implementation: compiled once, then tried in time linear in the text for each position of
// the pattern — the matcher only ever goes back to the last `*` it passed, never to earlier
// ones, so there is no exponential backtracking; a text costs at most (its length × the
// pattern's tokens), and both are bounded (lib/schemas/match.ts for patterns, MATCH_WINDOW for
// MONITOR lines). Client-safe, pure.

/** Bytes of a line that `match` looks at: 64 KiB covers every command but bulk values. */
export const MATCH_WINDOW = 64 * 1024;

type Token =
  | { kind: "star" }
  | { kind: "any" }
  | { kind: "byte"; byte: number }
  | { kind: "class"; set: Uint8Array; negate: boolean };

export type Glob = readonly Token[];

const STAR = 0x2a;
const QUESTION = 0x3f;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const BACKSLASH = 0x5c;
const CARET = 0x5e;
const DASH = 0x2d;

/** The pattern's tokens, read as Redis's stringmatchlen reads them. */
export function compileGlob(p: Uint8Array): Glob {
  const tokens: Token[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i] as number;
    if (c === STAR) {
      if (tokens.at(-1)?.kind !== "star") tokens.push({ kind: "star" });
    } else if (c === QUESTION) {
      tokens.push({ kind: "any" });
    } else if (c === BACKSLASH && i + 1 < p.length) {
      tokens.push({ kind: "byte", byte: p[++i] as number });
    } else if (c === OPEN) {
      const set = new Uint8Array(256);
      i++;
      const negate = p[i] === CARET;
      if (negate) i++;
      // To the closing `]`; an unclosed class runs to the end, as in Redis. As there, `\`
      // escapes one member, and a range's ends are taken as they are (`[a-]]` is a to ]).
      while (i < p.length && p[i] !== CLOSE) {
        const from = p[i] as number;
        if (from === BACKSLASH && i + 1 < p.length) {
          set[p[++i] as number] = 1;
        } else if (p[i + 1] === DASH && i + 2 < p.length) {
          const to = p[i + 2] as number;
          i += 2;
          const [lo, hi] = from <= to ? [from, to] : [to, from];
          for (let b = lo; b <= hi; b++) set[b] = 1;
        } else {
          set[from] = 1;
        }
        i++;
      }
      tokens.push({ kind: "class", set, negate });
    } else {
      tokens.push({ kind: "byte", byte: c });
    }
  }
  return tokens;
}

function one(t: Token, b: number): boolean {
  switch (t.kind) {
    case "any":
      return true;
    case "byte":
      return t.byte === b;
    case "class":
      return (t.set[b] === 1) !== t.negate;
    default:
      return false;
  }
}

/** Whether the whole of `text` matches (case-sensitive, as Redis's MATCH). */
export function globMatch(glob: Glob, text: Uint8Array): boolean {
  let t = 0;
  let p = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const tok = glob[p];
    if (tok?.kind === "star") {
      starP = p++;
      starT = t;
    } else if (tok && one(tok, text[t] as number)) {
      p++;
      t++;
    } else if (starP >= 0) {
      // Let the last star take one more byte and retry what follows it.
      p = starP + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (glob[p]?.kind === "star") p++;
  return p === glob.length;
}

/** Whether `text` matches the glob `pattern` (compile once with compileGlob when reused). */
export function globMatches(pattern: Uint8Array, text: Uint8Array): boolean {
  return globMatch(compileGlob(pattern), text);
}
