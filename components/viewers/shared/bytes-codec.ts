// Turning what a person typed into exact bytes and back, for the editors. Text is UTF-8; hex and
// base64 let any byte string be typed, so an edit never has to go through a lossy text form.
import {
  base64ToBytes,
  bytesToBase64,
  bytesToJson,
  isValidBase64,
  type JsonBytes,
  jsonToBytes,
  utf8Bytes,
  utf8OrNull,
} from "@/lib/bytes";

export type BytesFormat = "text" | "hex" | "base64";
export const BYTES_FORMATS: BytesFormat[] = ["text", "hex", "base64"];

export type Parsed = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

/** Hex as pairs separated by spaces; in multi-line fields a line break every 16 bytes. */
export function toHex(bytes: Uint8Array, multiline = false): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0) out += multiline && i % 16 === 0 ? "\n" : " ";
    out += (bytes[i] as number).toString(16).padStart(2, "0");
  }
  return out;
}

/** Hex in any common spelling: "00 ff", "00ff", "0x00ff", "\x00\xff"; anything else is refused. */
export function parseHex(text: string): Parsed {
  const clean = text.replace(/\\x|0x/gi, "").replace(/[\s,:]/g, "");
  const bad = clean.search(/[^0-9a-fA-F]/);
  if (bad >= 0) return { ok: false, error: `Not hex: “${clean.charAt(bad)}” is not 0-9 or a-f.` };
  if (clean.length % 2 === 1) return { ok: false, error: "Hex needs an even number of digits." };
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return { ok: true, bytes: out };
}

export function parseBase64(text: string): Parsed {
  const clean = text.replace(/\s/g, "");
  const url = /[-_]/.test(clean) && !/[+/]/.test(clean);
  if (!isValidBase64(url ? clean.replace(/=+$/, "") : clean, url))
    return { ok: false, error: "Not valid base64 (A-Z, a-z, 0-9, + and /, = at the end)." };
  return { ok: true, bytes: base64ToBytes(clean) };
}

export function parseAs(text: string, format: BytesFormat): Parsed {
  if (format === "hex") return parseHex(text);
  if (format === "base64") return parseBase64(text);
  return { ok: true, bytes: utf8Bytes(text) };
}

/** The bytes spelled in `format`, or null when that format cannot show them (text, not UTF-8). */
export function formatAs(bytes: Uint8Array, format: BytesFormat, multiline = false): string | null {
  if (format === "hex") return toHex(bytes, multiline);
  if (format === "base64") return bytesToBase64(bytes);
  return utf8OrNull(bytes);
}

/** The format an editor opens in: text when the bytes are UTF-8 without odd control bytes. */
export function naturalFormat(bytes: Uint8Array): BytesFormat {
  const text = utf8OrNull(bytes);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control bytes are what it looks for
  return text !== null && !/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(text) ? "text" : "hex";
}

/** Parsed bytes as they travel in a request body (text when UTF-8, else {b64}). */
export function parsedJson(text: string, format: BytesFormat): JsonBytes | { error: string } {
  const parsed = parseAs(text, format);
  return parsed.ok ? bytesToJson(parsed.bytes) : { error: parsed.error };
}

export function isParseError(v: JsonBytes | { error: string }): v is { error: string } {
  return typeof v === "object" && "error" in v;
}

export { bytesToJson, jsonToBytes };

/** JSON text without the whitespace between tokens; strings and numbers are copied untouched. */
export function minifyJson(text: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (inString) {
      out += c;
      if (c === "\\") out += text[++i] ?? "";
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (!/\s/.test(c)) {
      out += c;
    }
  }
  return out;
}

/** JSON.parse's complaint about the text, or null when it is valid JSON. */
export function jsonError(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}
