import { type Budget, bool, bytesNode, type DNode, float, int, nul, str } from "../node";
import type { Decoder } from "../registry";
import { Abandon, Guard, placeholder, readOrPartial } from "./abandon";
import { Cursor, utf8OrNull } from "./cursor";
import { isRails70, railsEntry, railsSummary } from "./rails-cache";

// Ruby Marshal 4.8 (Ruby's doc/marshal.rdoc, marshal.c r_object) into a tree. Our own reader:
// @qnighy/marshal gives live JS objects with no node or time budget. Symbols are `:name`
// objects; strings are text when their encoding ivar says so (E / encoding), bytes otherwise;
// `@` links are refs into the object table (never expanded twice). Rails cache entries (the
// Rails 7.1 `\x00\x11` header, or a marshalled ActiveSupport::Cache::Entry) are shown as the
// entry's value and its expiry by rails-cache.ts.

const ch = (s: string) => s.charCodeAt(0);

type ObjectNode = Extract<DNode, { k: "object" }>;
export const symbol = (name: string): ObjectNode => ({
  k: "object",
  cls: "Symbol",
  repr: `:${name}`,
});
export const symbolName = (n: DNode): string | undefined =>
  n.k === "object" && n.cls === "Symbol" ? n.repr?.slice(1) : undefined;

/** Ruby's Time#_dump: two little-endian words packing the UTC date and time. */
function rubyTime(b: Uint8Array): DNode | null {
  if (b.length < 8) return null;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const p = v.getUint32(0, true);
  const s = v.getUint32(4, true);
  if (!(p & 0x80000000)) return null;
  const year = ((p >> 14) & 0xffff) + 1900;
  const mon = (p >> 10) & 0xf;
  const mday = (p >> 5) & 0x1f;
  const hour = p & 0x1f;
  const min = (s >> 26) & 0x3f;
  const sec = (s >> 20) & 0x3f;
  const usec = s & 0xfffff;
  const ms = Date.UTC(year, mon, mday, hour, min, sec, Math.floor(usec / 1000));
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return null;
  return { k: "object", cls: "Time", repr: d.toISOString() };
}

class Reader {
  symbols: string[] = [];
  objects: DNode[] = [];
  readonly guard: Guard;
  constructor(
    readonly c: Cursor,
    readonly budget: Budget,
  ) {
    this.guard = new Guard(budget);
  }

  /** Marshal's packed integer (w_long). */
  long(): number {
    const c = this.c;
    const b = (c.u8() << 24) >> 24;
    if (b === 0) return 0;
    if (b >= 5) return b - 5;
    if (b <= -5) return b + 5;
    let x = 0;
    const n = Math.abs(b);
    for (let i = 0; i < n; i++) x += c.u8() * 2 ** (8 * i);
    return b > 0 ? x : x - 2 ** (8 * n);
  }
  count(per: number, what: string): number {
    const n = this.long();
    if (n < 0) this.c.fail(`negative ${what} count`);
    this.c.need(n * per, what);
    return n;
  }
  rawBytes(): Uint8Array {
    const n = this.long();
    if (n < 0) this.c.fail("negative length");
    return this.c.bytes(n, "string");
  }
  symbolName(depth: number): string {
    const c = this.c;
    const t = c.u8();
    if (t === ch(":")) {
      const name = utf8OrNull(this.rawBytes()) ?? "?";
      this.symbols.push(name);
      return name;
    }
    if (t === ch(";")) {
      return this.symbols[this.long()] ?? c.fail("link to an unknown symbol");
    }
    if (t === ch("I") && c.peek() === ch(":")) {
      // A symbol with an encoding: the ivars only name the encoding.
      this.guard.check(depth + 1);
      const name = this.symbolName(depth + 1);
      const n = this.count(2, "ivar");
      for (let i = 0; i < n; i++) {
        this.symbolName(depth + 1);
        this.value(depth + 1);
      }
      return name;
    }
    return c.fail("expected a symbol");
  }
  entry<T extends DNode>(n: T): T {
    this.objects.push(n);
    return n;
  }

  value(depth: number): DNode {
    this.guard.check(depth);
    this.budget.take();
    const c = this.c;
    const t = String.fromCharCode(c.u8());
    switch (t) {
      case "0":
        return nul;
      case "T":
        return bool(true);
      case "F":
        return bool(false);
      case "i":
        return int(this.long());
      case ":":
      case ";":
        c.i--;
        return symbol(this.symbolName(depth));
      case '"':
        return this.entry(bytesNode(this.rawBytes()));
      case "f": {
        // Ruby 1.8 wrote extra mantissa bytes after a NUL: the text before it is the number.
        const raw = this.rawBytes();
        const nul = raw.indexOf(0);
        const text = String.fromCharCode(
          ...raw.subarray(0, Math.min(nul < 0 ? raw.length : nul, 400)),
        );
        const v =
          text === "inf"
            ? Infinity
            : text === "-inf"
              ? -Infinity
              : text === "nan"
                ? NaN
                : Number(text);
        return this.entry(float(v));
      }
      case "l": {
        const sign = c.u8();
        const words = this.long();
        if (words < 0) c.fail("negative bignum length");
        const b = c.bytes(words * 2, "bignum");
        let x = 0n;
        for (let i = b.length - 1; i >= 0; i--) x = (x << 8n) | BigInt(b[i] as number);
        return this.entry(int(sign === ch("-") ? -x : x));
      }
      case "I":
        return this.ivars(depth);
      case "[": {
        const n = this.count(1, "array");
        const items: DNode[] = [];
        const node: Extract<DNode, { k: "list" }> = this.entry({ k: "list", items });
        for (let i = 0; i < n; i++) {
          if (this.budget.cut) {
            node.more = n - i;
            throw new Abandon();
          }
          const at = items.push(placeholder()) - 1;
          items[at] = this.value(depth + 1);
        }
        return node;
      }
      case "{":
      case "}": {
        const n = this.count(2, "hash");
        const entries: [DNode, DNode][] = [];
        const node: Extract<DNode, { k: "map" }> = this.entry({ k: "map", entries });
        for (let i = 0; i < n; i++) {
          if (this.budget.cut) {
            node.more = n - i;
            throw new Abandon();
          }
          const key = this.value(depth + 1);
          const e: [DNode, DNode] = [key, placeholder()];
          entries.push(e);
          e[1] = this.value(depth + 1);
        }
        if (t === "}") this.value(depth + 1); // the hash's default value: read, not shown
        return node;
      }
      case "o":
        return this.object(depth, this.symbolName(depth));
      case "S": {
        const cls = this.symbolName(depth);
        return this.object(depth, cls);
      }
      case "u": {
        const cls = this.symbolName(depth);
        const data = this.rawBytes();
        const time = cls === "Time" ? rubyTime(data) : null;
        return this.entry(time ?? { k: "object", cls, args: [bytesNode(data)] });
      }
      case "U": {
        const cls = this.symbolName(depth);
        const node: ObjectNode = this.entry({ k: "object", cls, args: [placeholder()] });
        (node.args as DNode[])[0] = this.value(depth + 1);
        return node;
      }
      case "d": {
        const cls = this.symbolName(depth);
        const node: ObjectNode = this.entry({ k: "object", cls, args: [placeholder()] });
        (node.args as DNode[])[0] = this.value(depth + 1);
        return node;
      }
      case "e": {
        this.symbolName(depth); // the module it was extended with
        return this.value(depth + 1);
      }
      case "C": {
        const cls = this.symbolName(depth);
        const inner = this.value(depth + 1);
        return { k: "object", cls, args: [inner] };
      }
      case "c":
      case "m":
      case "M": {
        const name = utf8OrNull(this.rawBytes()) ?? "?";
        return this.entry({ k: "object", cls: t === "c" ? "Class" : "Module", repr: name });
      }
      case "/": {
        const src = this.rawBytes();
        c.u8(); // options
        return this.entry({ k: "object", cls: "Regexp", repr: `/${utf8OrNull(src) ?? "?"}/` });
      }
      case "@": {
        const at = this.long();
        const target = this.objects[at];
        if (!target) return c.fail("link to an unknown object");
        if (target.k === "object" && target.cls !== "Symbol") {
          target.id ??= at;
          return { k: "ref", id: at, cls: target.cls };
        }
        if (target.k === "map" || target.k === "list")
          return { k: "ref", id: at, cls: target.k === "map" ? "Hash" : "Array" };
        return target;
      }
      default:
        return c.fail(`unknown type ${JSON.stringify(t)}`);
    }
  }

  /** `o` and `S`: a class name, then instance variables (or struct members) as fields. */
  object(depth: number, cls: string): DNode {
    const fields: [string, DNode][] = [];
    const node: ObjectNode = this.entry({ k: "object", cls, fields });
    const n = this.count(2, "ivar");
    for (let i = 0; i < n; i++) {
      if (this.budget.cut) {
        fields.push(["…", { k: "cut", why: `${n - i} more` }]);
        throw new Abandon();
      }
      const name = this.symbolName(depth);
      const f: [string, DNode] = [name, placeholder()];
      fields.push(f);
      f[1] = this.value(depth + 1);
    }
    return node;
  }

  /** `I`: an object with instance variables; for a string, E/encoding say how to read its bytes. */
  ivars(depth: number): DNode {
    const at = this.objects.length;
    const inner = this.value(depth + 1);
    const n = this.count(2, "ivar");
    let encoding: string | undefined;
    const extra: [string, DNode][] = [];
    for (let i = 0; i < n; i++) {
      const name = this.symbolName(depth);
      const v = this.value(depth + 1);
      if (name === "E") encoding = v.k === "bool" && v.v ? "UTF-8" : "US-ASCII";
      else if (name === "encoding")
        encoding = v.k === "bytes" || v.k === "str" ? "other" : undefined;
      else extra.push([name, v]);
    }
    if (inner.k === "bytes" && encoding) {
      const raw = Buffer.from(inner.b64, "base64");
      const text = utf8OrNull(raw);
      if (text !== null) {
        const s = str(text);
        if (this.objects[at] === inner) this.objects[at] = s;
        return s;
      }
    }
    if (inner.k === "object" && extra.length) inner.fields = [...(inner.fields ?? []), ...extra];
    return inner;
  }
}

/** Reads one Marshal 4.8 stream that must fill `bytes` exactly. */
export function readMarshal(bytes: Uint8Array, budget: Budget): DNode {
  const c = new Cursor(bytes, "Ruby Marshal");
  if (c.u8() !== 4 || c.u8() !== 8) c.fail("no 04 08 header");
  const r = new Reader(c, budget);
  return readOrPartial(
    () => {
      const tree = r.value(0);
      if (!c.done) c.fail("trailing bytes");
      return tree;
    },
    () => r.objects[0],
    budget,
  );
}

export const marshal: Decoder = {
  format: "marshal",
  style: "json",
  detect: (b) =>
    (b[0] === 4 && b[1] === 8) ||
    isRails70(b) ||
    (b[0] === 0 && b[1] === 0x11 && [1, 2, 3, 4].includes((b[2] ?? 0) & 0x7f)),
  decode: (bytes, budget) => railsEntry(bytes, budget, readMarshal),
  summary: railsSummary,
};
