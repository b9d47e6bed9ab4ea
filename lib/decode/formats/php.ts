import {
  type Budget,
  bool,
  bytesNode,
  type DNode,
  float,
  int,
  NotThisFormat,
  nul,
  str,
} from "../node";
import type { Decoder } from "../registry";
import { shape } from "../summary";
import { Abandon, Guard, placeholder, readOrPartial } from "./abandon";
import { Cursor, utf8OrNull } from "./cursor";

// PHP serialize() (ext/standard/var_unserializer.re) into a tree. Our own reader: npm
// php-serialize builds plain objects from the data, so a key or property named `__proto__`
// replaces a prototype (its PR #305), and it reads strings as JS text where `s:N` counts bytes.
// This reader works on the bytes, puts keys in map entries, and never builds live objects.
// References: every value takes a slot (numbered from 1) except `R:`; `r:`/`R:` point at one
// and are shown as refs, never expanded. Laravel stores sessions serialized twice (a `s:` whose
// text is itself serialize() output): such a string is decoded too and shown as what it holds.

const C = (s: string) => s.charCodeAt(0);

type MapNode = Extract<DNode, { k: "map" }>;
type ObjectNode = Extract<DNode, { k: "object" }>;

class Reader {
  slots: DNode[] = [];
  readonly guard: Guard;
  constructor(
    readonly c: Cursor,
    readonly budget: Budget,
  ) {
    this.guard = new Guard(budget);
  }

  expect(ch: string): void {
    if (this.c.u8() !== C(ch)) this.c.fail(`expected '${ch}'`);
  }
  /** Digits (with an optional sign) up to `end`; the text. */
  token(end: number, re: RegExp): string {
    const b = this.c.b;
    const start = this.c.i;
    let i = start;
    // 400 characters is far past any number PHP writes; stops a run-on scan of junk.
    while (i < b.length && b[i] !== end && i - start < 400) i++;
    if (b[i] !== end) this.c.fail("unterminated number");
    const text = String.fromCharCode(...b.subarray(start, i));
    if (!re.test(text)) this.c.fail(`bad number ${JSON.stringify(text.slice(0, 40))}`);
    this.c.i = i + 1;
    return text;
  }
  count(end: number): number {
    const n = Number(this.token(end, /^\d{1,15}$/));
    return n;
  }
  /** `"<len bytes>"` after a length. */
  quoted(len: number): Uint8Array {
    this.expect('"');
    const b = this.c.bytes(len, "string");
    this.expect('"');
    return b;
  }

  /** `S:N:"…"` (php_var_unserialize's escaped string): N bytes, each one a byte or `\` + 2 hex digits. */
  escaped(n: number): Uint8Array {
    this.expect('"');
    const c = this.c;
    c.need(n, "string");
    const out = new Uint8Array(n);
    for (let k = 0; k < n; k++) {
      const x = c.u8();
      if (x !== 0x5c) out[k] = x;
      else {
        const hex = String.fromCharCode(c.u8(), c.u8());
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) c.fail("bad escape in S:");
        out[k] = Number.parseInt(hex, 16);
      }
    }
    this.expect('"');
    return out;
  }

  value(depth: number): DNode {
    const c = this.c;
    this.guard.check(depth);
    const t = c.u8();
    if (t === C("N")) {
      this.expect(";");
      return this.slot(nul);
    }
    if (t === C("R") || t === C("r")) {
      this.expect(":");
      const n = this.count(C(";"));
      const target = n >= 1 ? this.slots[n - 1] : undefined;
      if (!target) return c.fail(`reference to missing value ${n}`);
      const ref = this.refTo(target, n);
      return t === C("r") ? this.slot(ref) : ref;
    }
    this.expect(":");
    switch (String.fromCharCode(t)) {
      case "b": {
        const v = this.token(C(";"), /^[01]$/);
        return this.slot(bool(v === "1"));
      }
      case "i":
        return this.slot(int(this.token(C(";"), /^[-+]?\d{1,400}$/).replace(/^\+/, "")));
      case "d": {
        const v = this.token(C(";"), /^(?:[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+)|-?INF|NAN)$/);
        return this.slot(
          float(v === "INF" ? Infinity : v === "-INF" ? -Infinity : v === "NAN" ? NaN : Number(v)),
        );
      }
      case "s": {
        const b = this.quoted(this.count(C(":")));
        this.expect(";");
        return this.slot(this.string(b, depth));
      }
      case "S": {
        const b = this.escaped(this.count(C(":")));
        this.expect(";");
        return this.slot(this.string(b, depth));
      }
      case "a":
        return this.array(this.count(C(":")), depth);
      case "O":
        return this.object(depth);
      case "C":
        return this.custom();
      case "E": {
        const b = this.quoted(this.count(C(":")));
        this.expect(";");
        const name = utf8OrNull(b) ?? "?";
        const cls = name.split(":")[0] ?? name;
        return this.slot({ k: "object", cls, repr: name.replace(":", "::") });
      }
      default:
        return c.fail(`unknown type '${String.fromCharCode(t)}'`);
    }
  }
  slot(n: DNode): DNode {
    this.slots.push(n);
    this.budget.take();
    return n;
  }
  refTo(target: DNode, n: number): DNode {
    if (target.k === "object") {
      target.id ??= n;
      return { k: "ref", id: n, cls: target.cls };
    }
    if (target.k === "map" || target.k === "list" || target.k === "ref")
      return { k: "ref", id: n, cls: "array" };
    return target; // a scalar: nothing to expand twice
  }
  /** Text, or bytes; a string that is itself serialize() output is decoded too (Laravel). */
  string(b: Uint8Array, depth: number): DNode {
    const s = utf8OrNull(b);
    if (s === null) return bytesNode(b);
    if (b.length >= 4 && looksSerialized(b) && !this.budget.tooDeep(depth + 1)) {
      try {
        const inner = new Reader(new Cursor(b, "php"), this.budget);
        const tree = inner.value(depth + 1);
        if (inner.c.done) return { k: "object", cls: "php.serialized", args: [tree] };
      } catch (e) {
        if (!(e instanceof NotThisFormat)) throw e;
      }
    }
    return str(s);
  }
  array(n: number, depth: number): DNode {
    // Each entry is at least 4 bytes (`i:0;` + a value): a bigger count is not serialize() output.
    this.c.need(n * 4, "array");
    this.expect("{");
    const node: MapNode = { k: "map", entries: [] };
    this.slot(node);
    for (let k = 0; k < n; k++) {
      const key = this.key();
      if (this.budget.cut) {
        node.more = n - k;
        throw new Abandon();
      }
      const entry: [DNode, DNode] = [key, placeholder()];
      node.entries.push(entry);
      entry[1] = this.value(depth + 1);
    }
    this.expect("}");
    return node;
  }
  key(): DNode {
    const c = this.c;
    const t = c.u8();
    this.expect(":");
    if (t === C("i")) return int(this.token(C(";"), /^[-+]?\d{1,400}$/).replace(/^\+/, ""));
    if (t === C("s")) {
      const b = this.quoted(this.count(C(":")));
      this.expect(";");
      const s = utf8OrNull(b);
      return s === null ? bytesNode(b) : str(s);
    }
    return c.fail("an array key must be i: or s:");
  }
  className(): string {
    const b = this.quoted(this.count(C(":")));
    this.expect(":");
    return utf8OrNull(b) ?? `<${b.length} bytes>`;
  }
  object(depth: number): DNode {
    const cls = this.className();
    const n = this.count(C(":"));
    this.c.need(n * 4, "object");
    this.expect("{");
    const fields: [string, DNode][] = [];
    const node: ObjectNode = { k: "object", cls, fields };
    this.slot(node);
    for (let k = 0; k < n; k++) {
      const key = this.key();
      if (this.budget.cut) {
        fields.push(["…", { k: "cut", why: `${n - k} more properties` }]);
        throw new Abandon();
      }
      const field: [string, DNode] = [propertyName(key), placeholder()];
      fields.push(field);
      field[1] = this.value(depth + 1);
    }
    this.expect("}");
    return node;
  }
  /** `C:` — a class with its own Serializable::serialize() text: shown as that text. */
  custom(): DNode {
    const cls = this.className();
    const n = this.count(C(":"));
    this.expect("{");
    const data = this.c.bytes(n, "custom data");
    this.expect("}");
    const s = utf8OrNull(data);
    return this.slot({ k: "object", cls, args: [s === null ? bytesNode(data) : str(s)] });
  }
}

/** A private (`\0Class\0name`) or protected (`\0*\0name`) property name, readable. */
function propertyName(key: DNode): string {
  const name = key.k === "str" ? key.v : key.k === "int" ? key.v : "?";
  if (name.charCodeAt(0) !== 0) return name;
  const end = name.indexOf("\0", 1);
  if (end < 0) return name;
  const owner = name.slice(1, end);
  const prop = name.slice(end + 1);
  return owner === "*" ? `${prop} (protected)` : `${prop} (private ${owner})`;
}

const STARTS = ["a:", "O:", "s:", "i:", "b:", "d:", "N;", "C:", "E:"];

function looksSerialized(b: Uint8Array): boolean {
  const head = String.fromCharCode(b[0] ?? 0, b[1] ?? 0);
  // Inside a string only the containers and strings: "i:5;" as a string's text is more likely text.
  return head === "a:" || head === "O:" || head === "s:" || head === "C:";
}

export function decodePhp(bytes: Uint8Array, budget: Budget): DNode {
  const r = new Reader(new Cursor(bytes, "PHP serialize()"), budget);
  return readOrPartial(
    () => {
      const tree = r.value(0);
      if (!r.c.done) r.c.fail("trailing bytes");
      return tree;
    },
    () => r.slots[0],
    budget,
  );
}

/** Laravel's sessions are serialized twice: say so, and what the inner value is. */
function phpSummary(tree: DNode): string {
  const inner = tree.k === "object" && tree.cls === "php.serialized" ? tree.args?.[0] : undefined;
  return inner ? `php · serialized twice · ${shape(inner)}` : `php · ${shape(tree)}`;
}

export const php: Decoder = {
  format: "php",
  style: "json",
  summary: phpSummary,
  detect: (b) => STARTS.includes(String.fromCharCode(b[0] ?? 0, b[1] ?? 0)),
  decode: decodePhp,
};
