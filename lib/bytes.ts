// The one place that turns Redis bytes into API JSON and back (see docs/api.md, "Byte strings").
// It runs on the server (with Buffers) and in the browser (with Uint8Arrays), so it uses only
// web-standard APIs: nothing here may decode bytes to a string unless they are valid UTF-8.

/** A byte string as it travels in JSON: text when the bytes are valid UTF-8, else base64. */
export type JsonBytes = string | { b64: string };

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/** The bytes' text when they are valid UTF-8, else null. A leading BOM is kept, not eaten. */
export function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

export function bytesToJson(bytes: Uint8Array): JsonBytes {
  const text = utf8OrNull(bytes);
  return text === null ? { b64: bytesToBase64(bytes) } : text;
}

export function jsonToBytes(value: JsonBytes): Uint8Array {
  return typeof value === "string" ? utf8Encoder.encode(value) : base64ToBytes(value.b64);
}

export function utf8Bytes(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/**
 * The bytes as a Buffer, without copying: ioredis sends a Buffer as bytes but stringifies a
 * plain Uint8Array ("1,2,3"). The browser has no Buffer; there the bytes stay a Uint8Array
 * (only the client's response check decodes there, and it keeps the JSON form).
 */
export function toBuffer(bytes: Uint8Array): Buffer {
  // Through globalThis, so that no bundler sees a free `Buffer` and ships a polyfill for it.
  const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;
  if (NodeBuffer === undefined) return bytes as Buffer;
  return NodeBuffer.isBuffer(bytes)
    ? bytes
    : NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// --- base64 and base64url, without Node's Buffer so the browser bundle can use them ---

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;
B64_INDEX["-".charCodeAt(0)] = 62;
B64_INDEX["_".charCodeAt(0)] = 63;

export function bytesToBase64(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n =
      ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out +=
      B64.charAt(n >> 18) +
      B64.charAt((n >> 12) & 63) +
      B64.charAt((n >> 6) & 63) +
      B64.charAt(n & 63);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += `${B64[n >> 18]}${B64[(n >> 12) & 63]}==`;
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += `${B64[n >> 18]}${B64[(n >> 12) & 63]}${B64[(n >> 6) & 63]}=`;
  }
  return out;
}

export function bytesToBase64Url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Decodes standard base64 or base64url, padded or not. Throws on anything else. */
export function base64ToBytes(text: string): Uint8Array {
  const clean = text.replace(/=+$/, "");
  if (clean.length % 4 === 1) throw new Error("invalid base64 length");
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const code = clean.charCodeAt(i);
    const v = code < 128 ? (B64_INDEX[code] as number) : -1;
    if (v < 0) throw new Error("invalid base64 character");
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

export function isValidBase64(text: string, url: boolean): boolean {
  const re = url ? /^[A-Za-z0-9_-]*$/ : /^[A-Za-z0-9+/]*={0,2}$/;
  if (!re.test(text)) return false;
  return text.replace(/=+$/, "").length % 4 !== 1;
}

// --- showing bytes to a person ---

const ESCAPES: Record<number, string> = { 9: "\\t", 10: "\\n", 13: "\\r", 92: "\\\\" };

// Invisible format characters that change how the text around them looks: bidi embeddings,
// overrides and isolates (U+202A–U+202E, U+2066–U+2069: "user:\u202Egnp.exe" shows as
// "user:exe.png"), marks (U+061C, U+200E, U+200F), zero-width characters and joiners, the soft
// hyphen, word joiner and invisible operators, deprecated format controls, the BOM / zero-width
// no-break space and interlinear annotation marks. Shown as `\uNNNN`, like control characters.
const FORMAT_CHARS =
  /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/g;

function escapeFormatChars(text: string): string {
  return text.replace(FORMAT_CHARS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, "0");
}

/**
 * Text for a person: valid UTF-8 runs as characters, every other byte as `\xNN`, control
 * characters, invisible format characters (bidi overrides…) and backslash escaped so that no
 * two different byte strings look the same.
 */
export function displayBytes(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      const esc = ESCAPES[b];
      if (esc) out += esc;
      else if (b < 0x20 || b === 0x7f) out += `\\x${hex2(b)}`;
      else out += String.fromCharCode(b);
      i++;
      continue;
    }
    const len = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
    const text = len > 0 && i + len <= bytes.length ? utf8OrNull(bytes.subarray(i, i + len)) : null;
    if (text !== null) {
      out += escapeFormatChars(text);
      i += len;
    } else {
      out += `\\x${hex2(b)}`;
      i++;
    }
  }
  return out;
}

function hasFormatChars(text: string): boolean {
  FORMAT_CHARS.lastIndex = 0;
  return FORMAT_CHARS.test(text);
}

/** `displayBytes` for a JSON byte string. */
export function displayJsonBytes(value: JsonBytes): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
  return typeof value === "string" && !/[\x00-\x1f\x7f\\]/.test(value) && !hasFormatChars(value)
    ? value
    : displayBytes(jsonToBytes(value));
}

/** Classic hex dump: offset, 16 bytes in hex, and their printable ASCII. */
export function hexDump(bytes: Uint8Array, startOffset = 0): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) {
    const row = bytes.subarray(i, i + 16);
    const hex = Array.from(row, hex2).join(" ").padEnd(47, " ");
    const ascii = Array.from(row, (c) =>
      c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : ".",
    ).join("");
    lines.push(`${(startOffset + i).toString(16).padStart(8, "0")}  ${hex}  ${ascii}`);
  }
  return lines.join("\n");
}

/** Query parameters that name a key: `key` for plain text, `key64` (base64url) otherwise. */
export function keyQuery(key: JsonBytes): { key: string } | { key64: string } {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: keys with control characters go as key64
  if (typeof key === "string" && !/[\x00-\x1f\x7f]/.test(key)) return { key };
  return { key64: bytesToBase64Url(jsonToBytes(key)) };
}

/** `keyQuery` as a query-string fragment: `key=…` or `key64=…`. */
export function keyParam(key: JsonBytes): string {
  const q = keyQuery(key);
  return "key" in q ? `key=${encodeURIComponent(q.key)}` : `key64=${q.key64}`;
}

/** A stable string identity for a key (for React keys, Sets and query keys). */
export function keyId(key: JsonBytes): string {
  return typeof key === "string" ? `s:${key}` : `b:${key.b64}`;
}

const HEX = /^[0-9a-fA-F]{2}$/;

/** A raw (still percent-encoded) query component as bytes: `%XX` as one byte, `+` as a space. */
function percentBytes(raw: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x25 && HEX.test(raw.slice(i + 1, i + 3))) {
      out.push(Number.parseInt(raw.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === 0x2b) out.push(0x20);
    else for (const b of utf8Encoder.encode(raw[i] as string)) out.push(b);
  }
  return Uint8Array.from(out);
}

/**
 * The name of the first query parameter whose percent-decoded value is not valid UTF-8, or null.
 * URLSearchParams turns such bytes into U+FFFD, so `key=bin:%FF` would name the key
 * `bin:\xEF\xBF\xBD`, a different one; this looks at the raw query instead (`search` as in
 * `URL.search`). Cheap when there is nothing to look at: only a `%8`–`%F` escape can start a
 * byte that is not ASCII.
 */
export function nonUtf8QueryParam(search: string): string | null {
  if (!/%[89a-fA-F]/.test(search)) return null;
  for (const pair of search.replace(/^\?/, "").split("&")) {
    const eq = pair.indexOf("=");
    const value = eq < 0 ? "" : pair.slice(eq + 1);
    if (!/%[89a-fA-F]/.test(pair)) continue;
    const name = percentBytes(eq < 0 ? pair : pair.slice(0, eq));
    const nameText = utf8OrNull(name);
    if (nameText === null) return displayBytes(name);
    if (utf8OrNull(percentBytes(value)) === null) return nameText;
  }
  return null;
}

/** Byte strings one after another, in one new array. */
export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
