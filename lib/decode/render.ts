import { base64ToBytes } from "@/lib/bytes";
import type { RenderStyle } from "@/lib/schemas/decode";
import type { DNode } from "./node";

// Renders a decoded tree (lib/decode/node.ts) as text: Python's repr for pickles (what a Django
// developer would see in a shell), a JSON-like form for the rest. Short nodes stay on one line,
// longer ones break with two-space indents. The text is capped (TEXT_MAX) and says where it
// stops. Client-safe: the browser uses toJsonText for "copy as JSON".

export const TEXT_MAX = 256 * 1024;
const WIDTH = 88;

class Out {
  parts: string[] = [];
  size = 0;
  full = false;
  constructor(private readonly max: number) {}
  push(s: string): void {
    if (this.full) return;
    if (this.size + s.length > this.max) {
      this.parts.push(s.slice(0, this.max - this.size), "…");
      this.full = true;
      return;
    }
    this.parts.push(s);
    this.size += s.length;
  }
}

const PY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function pyStr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0) as number;
    if (PY_ESCAPES[ch]) out += PY_ESCAPES[ch];
    else if (ch === quote) out += `\\${ch}`;
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + quote;
}

function pyBytes(b64: string): string {
  const bytes = base64ToBytes(b64);
  let out = "b'";
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    if (b === 0x27) out += "\\'";
    else if (PY_ESCAPES[ch]) out += PY_ESCAPES[ch];
    else if (b >= 0x20 && b < 0x7f) out += ch;
    else out += `\\x${b.toString(16).padStart(2, "0")}`;
  }
  return `${out}'`;
}

function floatText(v: number | string, style: RenderStyle): string {
  if (typeof v === "string")
    return style === "python" ? v : v === "nan" ? "NaN" : v === "inf" ? "Infinity" : "-Infinity";
  if (style === "python" && Number.isInteger(v) && Math.abs(v) < 1e16) return `${v}.0`;
  return String(v);
}

/** A scalar's text, or null for containers. */
function scalar(n: DNode, style: RenderStyle): string | null {
  const py = style === "python";
  switch (n.k) {
    case "null":
      return py ? "None" : "null";
    case "bool":
      return py ? (n.v ? "True" : "False") : String(n.v);
    case "int":
      return n.v;
    case "float":
      return floatText(n.v, style);
    case "str":
      return py ? pyStr(n.v) : JSON.stringify(n.v);
    case "bytes":
      return py ? pyBytes(n.b64) : `<${n.len} bytes> ${pyBytes(n.b64).slice(1)}`;
    case "ref":
      return `<ref #${n.id}${n.cls ? ` ${n.cls}` : ""}>`;
    case "cut":
      return `… (${n.why})`;
    case "object":
      return n.repr ?? null;
    default:
      return null;
  }
}

type Parts = {
  open: string;
  close: string;
  items: (DNode | [DNode, DNode] | [string, DNode])[];
  more?: number;
  kv: "map" | "named" | "none";
  empty?: string;
};

function containerParts(n: DNode, style: RenderStyle): Parts {
  const p = containerOf(n, style);
  // A container others refer to (`ref`) is marked with its id where it is shown.
  if ((n.k === "list" || n.k === "map") && n.id !== undefined) p.open = `#${n.id} ${p.open}`;
  return p;
}

function containerOf(n: DNode, style: RenderStyle): Parts {
  const py = style === "python";
  if (n.k === "list") {
    const tag = n.tag;
    if (tag === "tuple")
      return {
        open: "(",
        close: n.items.length === 1 && py ? ",)" : ")",
        items: n.items,
        more: n.more,
        kv: "none",
      };
    if (tag === "set" || tag === "frozenset") {
      const empty = py ? (tag === "set" ? "set()" : "frozenset()") : "Set []";
      const open = py ? (tag === "set" ? "{" : "frozenset({") : "Set [";
      const close = py ? (tag === "set" ? "}" : "})") : "]";
      return { open, close, items: n.items, more: n.more, kv: "none", empty };
    }
    if (tag === "deque" || tag === "bytearray" || tag === "array")
      return { open: `${tag}([`, close: "])", items: n.items, more: n.more, kv: "none" };
    return { open: "[", close: "]", items: n.items, more: n.more, kv: "none" };
  }
  if (n.k === "map") {
    const open = n.tag ? `${n.tag}({` : "{";
    return { open, close: n.tag ? "})" : "}", items: n.entries, more: n.more, kv: "map" };
  }
  if (n.k === "object") {
    const items: (DNode | [string, DNode])[] = [...(n.args ?? []), ...(n.fields ?? [])];
    const id = n.id !== undefined ? `#${n.id} ` : "";
    return py
      ? { open: `${id}${n.cls}(`, close: ")", items, kv: "named" }
      : { open: `${id}${n.cls} {`, close: "}", items, kv: "named" };
  }
  return { open: "", close: "", items: [], kv: "none" };
}

/** One-line text of `n`, or null once it would pass `cap` characters. */
function flat(n: DNode, style: RenderStyle, cap: number): string | null {
  const s = scalar(n, style);
  if (s !== null) return s.length <= cap ? s : null;
  const p = containerParts(n, style);
  if (p.items.length === 0 && !p.more) return p.empty ?? p.open + p.close;
  let out = p.open;
  for (let i = 0; i < p.items.length; i++) {
    if (i > 0) out += ", ";
    const item = p.items[i] as Parts["items"][number];
    if (Array.isArray(item)) {
      const [key, value] = item;
      const keyText =
        typeof key === "string"
          ? `${key}${style === "python" ? "=" : ": "}`
          : flat(key, style, cap - out.length);
      if (keyText === null) return null;
      out += typeof key === "string" ? keyText : `${keyText}: `;
      const valueText = flat(value, style, cap - out.length);
      if (valueText === null) return null;
      out += valueText;
    } else {
      const text = flat(item, style, cap - out.length);
      if (text === null) return null;
      out += text;
    }
    if (out.length > cap) return null;
  }
  if (p.more) out += `, … ${p.more} more`;
  out += p.close;
  return out.length <= cap ? out : null;
}

function write(n: DNode, style: RenderStyle, indent: string, out: Out): void {
  if (out.full) return;
  // A scalar (or an object with a repr) longer than the width is still written whole, on its line.
  const one = flat(n, style, WIDTH - indent.length) ?? scalar(n, style);
  if (one !== null) {
    out.push(one);
    return;
  }
  const p = containerParts(n, style);
  const inner = `${indent}  `;
  out.push(`${p.open}\n`);
  for (const item of p.items) {
    if (out.full) return;
    out.push(inner);
    if (Array.isArray(item)) {
      const [key, value] = item;
      if (typeof key === "string") out.push(`${key}${style === "python" ? "=" : ": "}`);
      else {
        write(key, style, inner, out);
        out.push(": ");
      }
      write(value, style, inner, out);
    } else write(item, style, inner, out);
    out.push(",\n");
  }
  if (p.more) out.push(`${inner}… ${p.more} more\n`);
  out.push(`${indent}${p.close}`);
}

/** The tree as text in `style`, at most `max` characters; `cut` when it stopped short. */
export function renderText(
  n: DNode,
  style: RenderStyle,
  max = TEXT_MAX,
): { text: string; cut: boolean } {
  const out = new Out(max);
  write(n, style, "", out);
  return { text: out.parts.join(""), cut: out.full };
}

/**
 * The tree as JSON text, for "copy as JSON": ints beyond 2^53 as strings, bytes as UTF-8 text
 * when they are, else {"$base64"}, maps with non-string keys keyed by the key's rendering,
 * inert objects as {"$class", …}, references as {"$ref"}.
 */
export function toJsonText(n: DNode, style: RenderStyle): string {
  return JSON.stringify(toPlain(n, style), null, 2);
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** An own property even for "__proto__" (plain assignment would set the prototype). */
function setOwn(obj: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(obj, name, { value, enumerable: true, writable: true, configurable: true });
}

function toPlain(n: DNode, style: RenderStyle): unknown {
  switch (n.k) {
    case "null":
      return null;
    case "bool":
      return n.v;
    case "int":
      return Number.isSafeInteger(Number(n.v)) ? Number(n.v) : n.v;
    case "float":
      return typeof n.v === "number" ? n.v : n.v;
    case "str":
      return n.v;
    case "bytes":
      try {
        return utf8.decode(base64ToBytes(n.b64));
      } catch {
        return { $base64: n.b64 };
      }
    case "list": {
      const items = [
        ...n.items.map((i) => toPlain(i, style)),
        ...(n.more ? [`… ${n.more} more`] : []),
      ];
      // A list others refer to carries the id their {"$ref"} names.
      return n.id === undefined ? items : { $id: n.id, $items: items };
    }
    case "map": {
      const obj: Record<string, unknown> = n.id === undefined ? {} : { $id: n.id };
      for (const [key, value] of n.entries)
        setOwn(
          obj,
          key.k === "str" ? key.v : renderText(key, style, 200).text,
          toPlain(value, style),
        );
      return obj;
    }
    case "object": {
      const obj: Record<string, unknown> = { $class: n.cls };
      if (n.id !== undefined) obj.$id = n.id;
      if (n.repr) obj.$repr = n.repr;
      if (n.args) obj.$args = n.args.map((a) => toPlain(a, style));
      for (const [name, value] of n.fields ?? []) setOwn(obj, name, toPlain(value, style));
      return obj;
    }
    case "ref":
      return { $ref: n.id };
    case "cut":
      return { $cut: n.why };
  }
}
