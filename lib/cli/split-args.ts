// A port of redis-cli's sdssplitargs() (redis/src/sds.c) that yields BYTES: the console's line
// is split exactly as redis-cli splits what you type, so `"\xff"` is the byte 0xFF (not U+00FF)
// and anything else outside ASCII is its UTF-8 bytes. Client-safe (no Node APIs): the browser
// uses it for highlighting and completion, the server to run the line.

export type SplitResult = { ok: true; args: Uint8Array[] } | { ok: false; error: string };

const encoder = new TextEncoder();

const SPACE = 0x20;
const QUOTE = 0x22; // "
const APOS = 0x27; // '
const BACKSLASH = 0x5c;

/** C's isspace(): space, \t \n \v \f \r. */
function isSpace(b: number | undefined): boolean {
  return b === SPACE || (b !== undefined && b >= 0x09 && b <= 0x0d);
}

function hexValue(b: number | undefined): number {
  if (b === undefined) return -1;
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x61 && b <= 0x66) return b - 0x61 + 10;
  if (b >= 0x41 && b <= 0x46) return b - 0x41 + 10;
  return -1;
}

const ESCAPES: Record<number, number> = {
  110: 0x0a, // \n
  114: 0x0d, // \r
  116: 0x09, // \t
  98: 0x08, // \b
  97: 0x07, // \a
};

/**
 * Splits one command line. Errors as redis-cli reports them ("Invalid argument(s)"), with the
 * reason: unterminated quotes, or a closing quote not followed by a space.
 */
export function splitArgs(line: string): SplitResult {
  const s = encoder.encode(line);
  const args: Uint8Array[] = [];
  // One growing byte buffer per argument: string concatenation was RedisInsight's 15 s for 500 KB.
  let buf = new Uint8Array(64);
  let len = 0;
  const push = (b: number) => {
    if (len === buf.length) {
      const bigger = new Uint8Array(buf.length * 2);
      bigger.set(buf);
      buf = bigger;
    }
    buf[len++] = b;
  };
  let p = 0;
  for (;;) {
    while (p < s.length && isSpace(s[p])) p++;
    if (p >= s.length) return { ok: true, args };
    let inq = false; // inside "double quotes"
    let insq = false; // inside 'single quotes'
    let done = false;
    len = 0;
    while (!done) {
      const c = s[p];
      if (inq) {
        if (
          c === BACKSLASH &&
          s[p + 1] === 0x78 &&
          hexValue(s[p + 2]) >= 0 &&
          hexValue(s[p + 3]) >= 0
        ) {
          push(hexValue(s[p + 2]) * 16 + hexValue(s[p + 3]));
          p += 3;
        } else if (c === BACKSLASH && p + 1 < s.length) {
          p++;
          const e = s[p] as number;
          push(ESCAPES[e] ?? e);
        } else if (c === QUOTE) {
          // The closing quote must be followed by a space or nothing at all.
          if (p + 1 < s.length && !isSpace(s[p + 1]))
            return {
              ok: false,
              error: "Invalid argument(s): a closing quote must be followed by a space.",
            };
          done = true;
        } else if (c === undefined) {
          return { ok: false, error: "Invalid argument(s): unbalanced quotes." };
        } else push(c);
      } else if (insq) {
        if (c === BACKSLASH && s[p + 1] === APOS) {
          p++;
          push(APOS);
        } else if (c === APOS) {
          if (p + 1 < s.length && !isSpace(s[p + 1]))
            return {
              ok: false,
              error: "Invalid argument(s): a closing quote must be followed by a space.",
            };
          done = true;
        } else if (c === undefined) {
          return { ok: false, error: "Invalid argument(s): unbalanced quotes." };
        } else push(c);
      } else {
        // Unquoted: only these end a word (sds.c's switch; \v and \f do not).
        if (c === SPACE || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x00 || c === undefined)
          done = true;
        else if (c === QUOTE) inq = true;
        else if (c === APOS) insq = true;
        else push(c);
      }
      if (p < s.length) p++;
    }
    args.push(buf.slice(0, len));
  }
}

/** Bytes as redis-cli's sdscatrepr() quotes them: the form to type back into the console. */
export function quoteArg(bytes: Uint8Array): string {
  let out = '"';
  for (const b of bytes) {
    if (b === QUOTE || b === BACKSLASH) out += `\\${String.fromCharCode(b)}`;
    else if (b === 0x0a) out += "\\n";
    else if (b === 0x0d) out += "\\r";
    else if (b === 0x09) out += "\\t";
    else if (b === 0x07) out += "\\a";
    else if (b === 0x08) out += "\\b";
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `\\x${b.toString(16).padStart(2, "0")}`;
  }
  return `${out}"`;
}
