import { type Budget, bool, bytesNode, type DNode, float, int, nul, str } from "../node";
import type { Decoder } from "../registry";
import { Abandon, Guard, placeholder, readOrPartial } from "./abandon";
import { Cursor } from "./cursor";
import { javaShape } from "./java-shape";
import {
  BASE_HANDLE,
  type ClassData,
  type ClassDesc,
  modifiedUtf8,
  SC_BLOCK_DATA,
  SC_EXTERNALIZABLE,
  SC_SERIALIZABLE,
  SC_WRITE_METHOD,
  TC,
} from "./java-stream";

// Java serialization (Object Serialization Stream Protocol, Java SE 17 spec ch. 6) into a tree.
// Our own reader of the stream grammar: java-object-serialization (the npm one) needs a JS
// class registered for every class with a writeObject method to read it at all, has no node or
// depth budget, and gives live JS objects rather than an inert tree. Every handle the stream
// assigns is kept; a TC_REFERENCE to an object is a ref node (never expanded twice, so handle
// loops and shared objects cost nothing); a superclass chain is walked with a cycle check.
// What a class wrote itself (writeObject/writeExternal) is interpreted for the JDK collections,
// Date and boxed primitives (java-shape.ts) and shown as block data bytes and objects otherwise.

type Handle =
  | { t: "node"; node: DNode; cls: string; done: boolean }
  | { t: "desc"; desc: ClassDesc }
  | { t: "pending" };

class Reader {
  handles: Handle[] = [];
  referenced = new Set<number>();
  readonly guard: Guard;
  /** The top-level contents read so far, and the one being read (for a partial tree). */
  finished: DNode[] = [];
  current: DNode | undefined;
  constructor(
    readonly c: Cursor,
    readonly budget: Budget,
  ) {
    this.guard = new Guard(budget);
  }

  utf(): string {
    const n = this.c.u16();
    return modifiedUtf8(this.c.bytes(n, "string"), this.c);
  }
  longUtf(): string {
    const n = this.c.u64();
    if (n > BigInt(this.c.left)) this.c.fail("long string past the end");
    return modifiedUtf8(this.c.bytes(Number(n), "string"), this.c);
  }
  newHandle(h: Handle): number {
    this.handles.push(h);
    return this.handles.length - 1;
  }
  handle(): Handle & { n: number } {
    const raw = this.c.i32() - BASE_HANDLE;
    const h = this.handles[raw];
    if (raw < 0 || !h) this.c.fail(`reference to unknown handle ${raw}`);
    return { ...h, n: raw };
  }

  /** One `content`: an object, or block data (as bytes). */
  content(depth: number): DNode | Uint8Array {
    const tc = this.c.peek();
    if (tc === TC.BLOCKDATA) {
      this.c.i++;
      return this.c.bytes(this.c.u8(), "block data");
    }
    if (tc === TC.BLOCKDATALONG) {
      this.c.i++;
      return this.c.bytes(this.c.i32(), "block data");
    }
    return this.object(depth);
  }

  object(depth: number): DNode {
    this.guard.check(depth);
    const c = this.c;
    const tc = c.u8();
    this.budget.take();
    switch (tc) {
      case TC.NULL:
        return nul;
      case TC.REFERENCE:
        return this.ref();
      case TC.STRING:
      case TC.LONGSTRING: {
        const node = str(tc === TC.STRING ? this.utf() : this.longUtf());
        this.newHandle({ t: "node", node, cls: "java.lang.String", done: true });
        return node;
      }
      case TC.OBJECT:
        return this.newObject(depth);
      case TC.ARRAY:
        return this.newArray(depth);
      case TC.ENUM: {
        const desc = this.classDesc(depth);
        const at = this.newHandle({ t: "pending" });
        const name = this.object(depth + 1);
        const cls = desc?.name ?? "?";
        const label = name.k === "str" ? name.v : "?";
        const node: DNode = {
          k: "object",
          cls: enumClass(desc),
          repr: `${enumClass(desc)}.${label}`,
        };
        this.handles[at] = { t: "node", node, cls, done: true };
        return node;
      }
      case TC.CLASS: {
        const desc = this.classDesc(depth);
        const node: DNode = { k: "object", cls: "java.lang.Class", repr: desc?.name ?? "null" };
        this.newHandle({ t: "node", node, cls: "java.lang.Class", done: true });
        return node;
      }
      case TC.CLASSDESC:
      case TC.PROXYCLASSDESC: {
        c.i--;
        const desc = this.classDesc(depth);
        return { k: "object", cls: "java.io.ObjectStreamClass", repr: desc?.name ?? "null" };
      }
      case TC.RESET:
        // depth + 1: a run of resets is bounded like nesting, not a recursion without end.
        this.handles = [];
        return this.object(depth + 1);
      case TC.EXCEPTION: {
        this.handles = [];
        const thrown = this.object(depth + 1);
        this.handles = [];
        return { k: "object", cls: "java.io.WriteAbortedException", args: [thrown] };
      }
      default:
        return c.fail(`unexpected type code 0x${tc.toString(16)}`);
    }
  }

  ref(): DNode {
    const h = this.handle();
    if (h.t === "desc") return { k: "object", cls: "java.io.ObjectStreamClass", repr: h.desc.name };
    if (h.t === "pending") {
      this.referenced.add(h.n);
      return { k: "ref", id: h.n };
    }
    const n = h.node;
    if (n.k === "object" || n.k === "map" || n.k === "list") {
      if (n.k === "object") n.id = h.n;
      this.referenced.add(h.n);
      return { k: "ref", id: h.n, cls: h.cls };
    }
    return n; // a string or boxed value: a leaf, shared at no cost
  }

  classDesc(depth: number): ClassDesc | null {
    this.guard.check(depth);
    const c = this.c;
    const tc = c.u8();
    if (tc === TC.NULL) return null;
    if (tc === TC.REFERENCE) {
      const h = this.handle();
      if (h.t === "desc") return h.desc;
      return c.fail("a class descriptor reference to something else");
    }
    if (tc === TC.PROXYCLASSDESC) {
      const desc: ClassDesc = { name: "", flags: SC_SERIALIZABLE, fields: [], super: null };
      this.newHandle({ t: "desc", desc });
      const n = c.i32();
      c.need(n * 2, "proxy interfaces");
      const names: string[] = [];
      for (let k = 0; k < n; k++) names.push(this.utf());
      desc.name = `Proxy(${names.join(", ")})`;
      this.annotation(depth + 1);
      desc.super = this.classDesc(depth + 1);
      return desc;
    }
    if (tc !== TC.CLASSDESC) c.fail(`expected a class descriptor, got 0x${tc.toString(16)}`);
    const name = this.utf();
    c.bytes(8); // serialVersionUID
    const desc: ClassDesc = { name, flags: 0, fields: [], super: null };
    this.newHandle({ t: "desc", desc });
    desc.flags = c.u8();
    const count = c.i16();
    c.need(count * 3, "fields");
    for (let k = 0; k < count; k++) {
      const type = String.fromCharCode(c.u8());
      const fname = this.utf();
      if (type === "L" || type === "[") {
        const cls = this.object(depth + 1);
        desc.fields.push({ type, name: fname, cls: cls.k === "str" ? cls.v : "?" });
      } else if ("BCDFIJSZ".includes(type)) desc.fields.push({ type, name: fname });
      else c.fail(`bad field type ${JSON.stringify(type)}`);
    }
    this.annotation(depth + 1);
    desc.super = this.classDesc(depth + 1);
    return desc;
  }

  /** Contents up to TC_ENDBLOCKDATA. */
  annotation(depth: number): (DNode | Uint8Array)[] {
    const out: (DNode | Uint8Array)[] = [];
    for (;;) {
      if (this.c.peek() === TC.ENDBLOCKDATA) {
        this.c.i++;
        return out;
      }
      if (this.c.done) this.c.fail("no end of block data");
      out.push(this.content(depth));
    }
  }

  primitive(type: string): DNode {
    const c = this.c;
    this.budget.take();
    switch (type) {
      case "B":
        return int((c.u8() << 24) >> 24);
      case "C":
        return str(String.fromCharCode(c.u16()));
      case "D":
        return float(c.f64());
      case "F":
        return float(c.f32());
      case "I":
        return int(c.i32());
      case "J":
        return int(c.i64());
      case "S":
        return int(c.i16());
      default:
        return bool(c.u8() !== 0);
    }
  }

  newObject(depth: number): DNode {
    const desc = this.classDesc(depth + 1);
    if (!desc) this.c.fail("an object without a class");
    const at = this.newHandle({ t: "pending" });
    const chain: ClassDesc[] = [];
    const seen = new Set<ClassDesc>();
    for (let d: ClassDesc | null = desc; d; d = d.super) {
      if (seen.has(d) || chain.length > 64) this.c.fail("a superclass chain that loops");
      seen.add(d);
      chain.unshift(d);
    }
    const data: ClassData[] = [];
    const partial: DNode & { k: "object" } = { k: "object", cls: desc.name, fields: [] };
    this.handles[at] = { t: "node", node: partial, cls: desc.name, done: false };
    if (depth === 0) this.current = partial;
    for (const d of chain) {
      const one: ClassData = { desc: d, fields: [], annotation: [] };
      data.push(one);
      if (d.flags & SC_SERIALIZABLE) {
        for (const f of d.fields) {
          const field: [string, DNode] = [f.name, placeholder()];
          one.fields.push(field);
          partial.fields?.push(field);
          field[1] =
            f.type === "L" || f.type === "[" ? this.object(depth + 1) : this.primitive(f.type);
        }
        if (d.flags & SC_WRITE_METHOD) one.annotation = this.annotation(depth + 1);
      } else if (d.flags & SC_EXTERNALIZABLE) {
        if (!(d.flags & SC_BLOCK_DATA)) this.c.fail("externalizable data in the old protocol 1");
        one.annotation = this.annotation(depth + 1);
      }
    }
    const node = javaShape(desc.name, data);
    if (this.referenced.has(at) && node.k === "object") node.id = at;
    this.handles[at] = { t: "node", node, cls: desc.name, done: true };
    if (this.current === partial) this.current = undefined;
    return node;
  }

  newArray(depth: number): DNode {
    const desc = this.classDesc(depth + 1);
    if (!desc) this.c.fail("an array without a class");
    const at = this.newHandle({ t: "pending" });
    const n = this.c.i32();
    const elem = desc.name.slice(1, 2);
    const size = { B: 1, Z: 1, C: 2, S: 2, I: 4, F: 4, J: 8, D: 8 }[elem] ?? 1;
    if (n < 0) this.c.fail("negative array size");
    this.c.need(n * size, "array");
    let node: DNode;
    if (elem === "B") node = bytesNode(this.c.bytes(n));
    else {
      const items: DNode[] = [];
      const list: DNode & { k: "list" } = { k: "list", tag: "array", items };
      node = list;
      this.handles[at] = { t: "node", node, cls: desc.name, done: false };
      if (depth === 0) this.current = node;
      const objects = elem === "L" || elem === "[";
      for (let k = 0; k < n; k++) {
        if (this.budget.cut) {
          list.more = n - k;
          // Primitives are skipped exactly, objects would need reading: stop there.
          if (objects) throw new Abandon();
          this.c.bytes((n - k) * size);
          break;
        }
        const at2 = items.push(placeholder()) - 1;
        items[at2] = objects ? this.object(depth + 1) : this.primitive(elem);
      }
      if (this.current === node) this.current = undefined;
    }
    this.handles[at] = { t: "node", node, cls: desc.name, done: true };
    return node;
  }
}

/** An enum constant with a body is a subclass (`Planet$1`): name the enum itself. */
function enumClass(desc: ClassDesc | null): string {
  if (!desc) return "?";
  if (desc.super && desc.super.name !== "java.lang.Enum") return desc.super.name;
  return desc.name;
}

export function decodeJava(bytes: Uint8Array, budget: Budget): DNode {
  const c = new Cursor(bytes, "Java serialization");
  if (c.u16() !== 0xaced || c.u16() !== 5) c.fail("no stream header AC ED 00 05");
  const r = new Reader(c, budget);
  return readOrPartial(
    () => {
      const items = r.finished;
      while (!c.done) {
        const x = r.content(0);
        items.push(x instanceof Uint8Array ? bytesNode(x) : x);
      }
      if (items.length === 0) c.fail("an empty stream");
      return items.length === 1 ? (items[0] as DNode) : { k: "list", items };
    },
    () => {
      const all = [...r.finished, ...(r.current ? [r.current] : [])];
      return all.length === 1 ? all[0] : all.length ? { k: "list", items: all } : undefined;
    },
    budget,
  );
}

export const java: Decoder = {
  format: "java",
  style: "json",
  detect: (b) => b[0] === 0xac && b[1] === 0xed && b[2] === 0x00 && b[3] === 0x05,
  decode: decodeJava,
};
