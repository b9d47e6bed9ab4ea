import { type Budget, type DNode, float, int, NotThisFormat, nul, str } from "./node";

// JSON to a decoded tree. Our own small reader rather than JSON.parse: integers stay exact
// (JSON.parse rounds 2^53+1), object keys keep order and duplicates and can be "__proto__", and
// the node and depth budget cuts a huge or deeply nested document instead of building it all.

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

class Reader {
  i = 0;
  constructor(
    readonly s: string,
    readonly budget: Budget,
  ) {}
  fail(what: string): never {
    throw new NotThisFormat(`not JSON: ${what} at ${this.i}`);
  }
  ws(): void {
    while (WS.has(this.s.charCodeAt(this.i))) this.i++;
  }
  value(depth: number): DNode {
    this.ws();
    const c = this.s[this.i];
    if (c === "{" || c === "[") {
      if (this.budget.tooDeep(depth) || !this.budget.take()) return this.skip();
      return c === "{" ? this.object(depth) : this.array(depth);
    }
    this.budget.take();
    if (c === '"') return str(this.string());
    if (c === "t" && this.s.startsWith("true", this.i)) return this.word(4, { k: "bool", v: true });
    if (c === "f" && this.s.startsWith("false", this.i))
      return this.word(5, { k: "bool", v: false });
    if (c === "n" && this.s.startsWith("null", this.i)) return this.word(4, nul);
    return this.number();
  }
  word(n: number, node: DNode): DNode {
    this.i += n;
    return node;
  }
  number(): DNode {
    const m = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
    m.lastIndex = this.i;
    const hit = m.exec(this.s);
    if (!hit) this.fail("unexpected character");
    this.i += hit[0].length;
    return hit[1] || hit[2] ? float(Number(hit[0])) : int(hit[0]);
  }
  string(): string {
    const start = ++this.i;
    let out = "";
    let from = start;
    for (;;) {
      const c = this.s.charCodeAt(this.i);
      if (Number.isNaN(c)) this.fail("unterminated string");
      if (c === 0x22) break;
      if (c < 0x20) this.fail("control character in a string");
      if (c === 0x5c) {
        out += this.s.slice(from, this.i);
        const e = this.s[this.i + 1];
        const simple: Record<string, string> = {
          '"': '"',
          "\\": "\\",
          "/": "/",
          b: "\b",
          f: "\f",
          n: "\n",
          r: "\r",
          t: "\t",
        };
        if (e !== undefined && simple[e] !== undefined) {
          out += simple[e];
          this.i += 2;
        } else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) {
          out += String.fromCharCode(Number.parseInt(this.s.slice(this.i + 2, this.i + 6), 16));
          this.i += 6;
        } else this.fail("bad escape");
        from = this.i;
        continue;
      }
      this.i++;
    }
    out += this.s.slice(from, this.i);
    this.i++;
    return out;
  }
  array(depth: number): DNode {
    this.i++;
    const items: DNode[] = [];
    this.ws();
    if (this.s[this.i] === "]") {
      this.i++;
      return { k: "list", items };
    }
    for (;;) {
      items.push(this.value(depth + 1));
      this.ws();
      const c = this.s[this.i++];
      if (c === "]") return { k: "list", items };
      if (c !== ",") this.fail("expected , or ]");
    }
  }
  object(depth: number): DNode {
    this.i++;
    const entries: [DNode, DNode][] = [];
    this.ws();
    if (this.s[this.i] === "}") {
      this.i++;
      return { k: "map", entries };
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail("expected a key");
      const key = str(this.string());
      this.ws();
      if (this.s[this.i++] !== ":") this.fail("expected :");
      entries.push([key, this.value(depth + 1)]);
      this.ws();
      const c = this.s[this.i++];
      if (c === "}") return { k: "map", entries };
      if (c !== ",") this.fail("expected , or }");
    }
  }
  /** Past a container without building it (over budget): still checks it is well formed enough. */
  skip(): DNode {
    let depth = 0;
    for (; this.i < this.s.length; this.i++) {
      const c = this.s[this.i];
      if (c === '"') {
        this.string();
        this.i--;
      } else if (c === "{" || c === "[") depth++;
      else if (c === "}" || c === "]") {
        depth--;
        if (depth === 0) {
          this.i++;
          return this.budget.cutNode();
        }
      }
    }
    this.fail("unterminated container");
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Parses JSON text into a tree; throws NotThisFormat when it is not one whole JSON document. */
export function parseJsonText(text: string, budget: Budget): DNode {
  const r = new Reader(text, budget);
  const node = r.value(0);
  r.ws();
  if (r.i !== text.length) r.fail("trailing characters");
  return node;
}

/** JSON bytes (UTF-8) into a tree. */
export function decodeJson(bytes: Uint8Array, budget: Budget): DNode {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new NotThisFormat("not JSON: not UTF-8");
  }
  return parseJsonText(text, budget);
}

/** Cheap test before parsing: JSON documents worth decoding start with { or [ (after spaces). */
export function looksLikeJson(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length && WS.has(bytes[i] as number)) i++;
  return bytes[i] === 0x7b || bytes[i] === 0x5b;
}
