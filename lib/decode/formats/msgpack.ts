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
import { Cursor, utf8OrNull } from "./cursor";

// MessagePack (spec 2.x) into a tree. Our own reader rather than @msgpack/msgpack: that library
// builds plain JS objects (string/number keys only, `__proto__` keys rejected) and has per-item
// length caps but no total node or time budget; a tree needs keys of any type in map entries,
// int64 exact, and a cut node where the budget ends. Detection is heuristic (any byte is some
// msgpack value): only a map, array or ext at the top that consumes the input exactly counts.

/** Timestamp extension (type -1): 4, 8 or 12 bytes of seconds and nanoseconds. */
function timestamp(data: Uint8Array): DNode | null {
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let sec: bigint;
  let nsec: number;
  if (data.length === 4) {
    sec = BigInt(v.getUint32(0));
    nsec = 0;
  } else if (data.length === 8) {
    const hi = v.getUint32(0);
    nsec = hi >>> 2;
    sec = (BigInt(hi & 3) << 32n) | BigInt(v.getUint32(4));
  } else if (data.length === 12) {
    nsec = v.getUint32(0);
    sec = v.getBigInt64(4);
  } else return null;
  if (nsec > 999_999_999) return null;
  const ms = Number(sec) * 1000;
  const date = new Date(ms);
  const iso = Number.isNaN(date.getTime())
    ? `${sec}s`
    : date.toISOString().replace(/\.\d{3}Z$/, `.${String(nsec).padStart(9, "0")}Z`);
  return { k: "object", cls: "msgpack.timestamp", repr: iso };
}

function ext(type: number, data: Uint8Array): DNode {
  if (type === -1) {
    const t = timestamp(data);
    if (t) return t;
  }
  return { k: "object", cls: `msgpack.ext(${type})`, args: [bytesNode(data)] };
}

class Reader {
  constructor(
    readonly c: Cursor,
    readonly budget: Budget,
  ) {}

  /** The length of a str/bin/array/map/ext whose header byte is `h`, checked against what is left. */
  value(depth: number): DNode {
    const c = this.c;
    const h = c.u8();
    if (h <= 0x7f) return this.leaf(int(h));
    if (h >= 0xe0) return this.leaf(int(h - 0x100));
    if (h <= 0x8f) return this.map(h & 0x0f, depth);
    if (h <= 0x9f) return this.array(h & 0x0f, depth);
    if (h <= 0xbf) return this.str(h & 0x1f);
    switch (h) {
      case 0xc0:
        return this.leaf(nul);
      case 0xc2:
        return this.leaf(bool(false));
      case 0xc3:
        return this.leaf(bool(true));
      case 0xc4:
        return this.bin(c.u8());
      case 0xc5:
        return this.bin(c.u16());
      case 0xc6:
        return this.bin(c.u32());
      case 0xc7:
        return this.ext(c.u8());
      case 0xc8:
        return this.ext(c.u16());
      case 0xc9:
        return this.ext(c.u32());
      case 0xca:
        return this.leaf(float(c.f32()));
      case 0xcb:
        return this.leaf(float(c.f64()));
      case 0xcc:
        return this.leaf(int(c.u8()));
      case 0xcd:
        return this.leaf(int(c.u16()));
      case 0xce:
        return this.leaf(int(c.u32()));
      case 0xcf:
        return this.leaf(int(c.u64()));
      case 0xd0:
        return this.leaf(int((c.u8() << 24) >> 24));
      case 0xd1:
        return this.leaf(int(c.i16()));
      case 0xd2:
        return this.leaf(int(c.i32()));
      case 0xd3:
        return this.leaf(int(c.i64()));
      case 0xd4:
        return this.ext(1);
      case 0xd5:
        return this.ext(2);
      case 0xd6:
        return this.ext(4);
      case 0xd7:
        return this.ext(8);
      case 0xd8:
        return this.ext(16);
      case 0xd9:
        return this.str(c.u8());
      case 0xda:
        return this.str(c.u16());
      case 0xdb:
        return this.str(c.u32());
      case 0xdc:
        return this.array(c.u16(), depth);
      case 0xdd:
        return this.array(c.u32(), depth);
      case 0xde:
        return this.map(c.u16(), depth);
      case 0xdf:
        return this.map(c.u32(), depth);
      default:
        return c.fail("the never-used byte 0xc1");
    }
  }
  leaf(n: DNode): DNode {
    this.budget.take();
    return n;
  }
  str(len: number): DNode {
    const b = this.c.bytes(len, "string");
    this.budget.take();
    const s = utf8OrNull(b);
    // Old msgpack (raw type, use_bin_type=False) kept bytes in str: show them as bytes.
    return s === null ? bytesNode(b) : str(s);
  }
  bin(len: number): DNode {
    const b = this.c.bytes(len, "binary");
    this.budget.take();
    return bytesNode(b);
  }
  ext(len: number): DNode {
    const type = (this.c.u8() << 24) >> 24;
    const data = this.c.bytes(len, "extension");
    this.budget.take();
    return ext(type, data);
  }
  array(n: number, depth: number): DNode {
    // Each element is at least one byte: a count beyond what is left is not msgpack.
    this.c.need(n, "array");
    if (this.budget.tooDeep(depth) || !this.budget.take()) return this.skip(n);
    const items: DNode[] = [];
    for (let k = 0; k < n; k++) {
      if (this.budget.cut) {
        this.skip(n - k);
        return { k: "list", items, more: n - k };
      }
      items.push(this.value(depth + 1));
    }
    return { k: "list", items };
  }
  map(n: number, depth: number): DNode {
    this.c.need(2 * n, "map");
    if (this.budget.tooDeep(depth) || !this.budget.take()) return this.skip(2 * n);
    const entries: [DNode, DNode][] = [];
    for (let k = 0; k < n; k++) {
      if (this.budget.cut) {
        this.skip(2 * (n - k));
        return { k: "map", entries, more: n - k };
      }
      const key = this.value(depth + 1);
      entries.push([key, this.value(depth + 1)]);
    }
    return { k: "map", entries };
  }
  /**
   * Past `pending` values without building them (over budget or too deep), still checking that
   * they are well formed so detection stays exact. A loop with a counter, not recursion: linear
   * in the input, whatever the nesting.
   */
  skip(pending: number): DNode {
    const c = this.c;
    while (pending > 0) {
      pending--;
      const h = c.u8();
      if (h <= 0x7f || h >= 0xe0 || (h >= 0xc0 && h <= 0xc3 && h !== 0xc1)) continue;
      if (h <= 0x8f) pending += 2 * (h & 0x0f);
      else if (h <= 0x9f) pending += h & 0x0f;
      else if (h <= 0xbf) c.bytes(h & 0x1f);
      else if (h === 0xc1) c.fail("the never-used byte 0xc1");
      else if (h <= 0xc6) c.bytes(h === 0xc4 ? c.u8() : h === 0xc5 ? c.u16() : c.u32());
      else if (h <= 0xc9) c.bytes(1 + (h === 0xc7 ? c.u8() : h === 0xc8 ? c.u16() : c.u32()));
      else if (h <= 0xd3) c.bytes([4, 8, 1, 2, 4, 8, 1, 2, 4, 8][h - 0xca] as number);
      else if (h <= 0xd8) c.bytes(1 + (1 << (h - 0xd4)));
      else if (h <= 0xdb) c.bytes(h === 0xd9 ? c.u8() : h === 0xda ? c.u16() : c.u32());
      else if (h <= 0xdd) pending += h === 0xdc ? c.u16() : c.u32();
      else pending += 2 * (h === 0xde ? c.u16() : c.u32());
      if (pending > c.left) c.fail("more items than bytes");
    }
    return this.budget.cutNode();
  }
}

/** A map, array or ext header: the only tops detection accepts. */
function containerTop(h: number | undefined): boolean {
  if (h === undefined) return false;
  return (
    (h >= 0x80 && h <= 0x9f) ||
    (h >= 0xdc && h <= 0xdf) ||
    (h >= 0xc7 && h <= 0xc9) ||
    (h >= 0xd4 && h <= 0xd8)
  );
}

export function decodeMsgpack(bytes: Uint8Array, budget: Budget): DNode {
  const c = new Cursor(bytes, "msgpack");
  if (bytes.length === 0) c.fail("empty");
  const tree = new Reader(c, budget).value(0);
  if (!c.done) throw new NotThisFormat(`not msgpack: ${c.left} bytes after the value`);
  return tree;
}

export const msgpack: Decoder = {
  format: "msgpack",
  style: "json",
  detect: (b) => containerTop(b[0]),
  decode: decodeMsgpack,
};
