import { latin1 } from "./input";
import { type Py, PyBytes } from "./values";

// Protocol 0-1 text: Python 2 str literals (STRING), raw-unicode-escape (UNICODE), and Python
// 2 str bytes (STRING/BINSTRING/SHORT_BINSTRING), which pickleparser leaves undone or forces
// to ASCII (Django 1.x and Python 2 era data then shows wrong text).

const utf8Strict = new TextDecoder("utf-8", { fatal: true });

/**
 * A Python 2 str: ASCII is a str (as Python 3's Unpickler reads it, so names and keys work);
 * other bytes stay bytes, shown as text when UTF-8 (convert.ts), kept raw for packed states.
 */
export function py2(b: Uint8Array): Py {
  for (const c of b) if (c >= 0x80) return new PyBytes(b, "py2str");
  return latin1.decode(b);
}

/** Python 2 str literal escapes (what repr() of a str writes) to bytes. */
export function unescapeBytes(s: Uint8Array): Uint8Array {
  if (!s.includes(0x5c)) return s;
  const out = new Uint8Array(s.length);
  let n = 0;
  const simple: Record<number, number> = {
    92: 0x5c,
    39: 0x27,
    34: 0x22,
    97: 7,
    98: 8,
    102: 12,
    110: 10,
    114: 13,
    116: 9,
    118: 11,
  };
  const hexAt = (i: number) => {
    const h = String.fromCharCode(s[i] ?? 0, s[i + 1] ?? 0);
    return /^[0-9a-fA-F]{2}$/.test(h) ? Number.parseInt(h, 16) : -1;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as number;
    const e = s[i + 1];
    if (c !== 0x5c || e === undefined) {
      out[n++] = c;
      continue;
    }
    if (simple[e] !== undefined) {
      out[n++] = simple[e];
      i++;
    } else if (e === 0x78 && hexAt(i + 2) >= 0) {
      out[n++] = hexAt(i + 2);
      i += 3;
    } else if (e >= 0x30 && e <= 0x37) {
      let v = 0;
      let j = i + 1;
      while (j < s.length && j < i + 4 && (s[j] as number) >= 0x30 && (s[j] as number) <= 0x37)
        v = v * 8 + (s[j++] as number) - 0x30;
      out[n++] = v & 0xff;
      i = j - 1;
    } else out[n++] = c;
  }
  return out.subarray(0, n);
}

/** UNICODE's argument: latin-1 bytes with \uXXXX and \UXXXXXXXX escapes. */
export function rawUnicodeEscape(b: Uint8Array): string {
  const s = latin1.decode(b);
  if (!s.includes("\\")) return s;
  return s.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (whole, u, U) => {
    const cp = Number.parseInt(u ?? U, 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
  });
}

/** Python 2 str bytes as text when they are UTF-8 (as Django 1.x stored text), else undefined. */
export function py2Text(b: Uint8Array): string | undefined {
  try {
    return utf8Strict.decode(b);
  } catch {
    return undefined;
  }
}
