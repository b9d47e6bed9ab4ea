import { type Budget, bytesNode, type DNode, float, int, NotThisFormat, str } from "../node";
import type { Decoder } from "../registry";
import { Cursor, utf8OrNull } from "./cursor";

// Protocol Buffers without a schema (encoding spec: varint, I64, LEN, SGROUP/EGROUP, I32), only
// when forced: almost any bytes parse as some message. Our own reader (rawproto, the npm one,
// guesses with no node budget): a map of field number → value, each value as the wire gives it
// (varints as unsigned integers, fixed64/fixed32 as unsigned integers with their double/float
// reading beside, LEN as a nested message when the bytes parse as one wholly, else UTF-8 text,
// else bytes). Nested guesses are bounded by depth, the node budget and the input itself.

type Field = [DNode, DNode];

class Reader {
  constructor(readonly budget: Budget) {}

  varint(c: Cursor): bigint {
    let x = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const b = c.u8();
      x |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return x;
    }
    return c.fail("varint longer than 10 bytes");
  }

  /** A whole message in `bytes`, or NotThisFormat. `group` ends at the matching EGROUP. */
  message(c: Cursor, depth: number, group?: number): DNode {
    const entries: Field[] = [];
    let more = 0;
    let n = 0;
    while (!c.done) {
      // Past the time limit, stop reading (what is left is not guessed at): BigInt varints over
      // megabytes of fields would otherwise run on long after the budget.
      if ((++n & 1023) === 0 && this.budget.expired()) {
        c.i = c.b.length;
        entries.push([str("…"), this.budget.cutNode()]);
        break;
      }
      const key = this.varint(c);
      const wire = Number(key & 7n);
      const field = key >> 3n;
      if (field === 0n || field > 536870911n) c.fail("bad field number");
      if (wire === 4) {
        if (group === undefined || BigInt(group) !== field) c.fail("unmatched end group");
        return { k: "map", tag: "group", entries, ...(more && { more }) };
      }
      const value = this.value(c, wire, Number(field), depth);
      if (this.budget.take()) entries.push([int(field), value]);
      else more++;
    }
    if (group !== undefined) c.fail("unterminated group");
    return { k: "map", entries, ...(more && { more }) };
  }

  value(c: Cursor, wire: number, field: number, depth: number): DNode {
    switch (wire) {
      case 0:
        return int(this.varint(c));
      case 1: {
        const at = c.i;
        const u = c.u64(true);
        const d = new DataView(c.b.buffer, c.b.byteOffset + at, 8).getFloat64(0, true);
        return this.fixed(int(u), d);
      }
      case 5: {
        const at = c.i;
        const u = c.u32(true);
        const f = new DataView(c.b.buffer, c.b.byteOffset + at, 4).getFloat32(0, true);
        return this.fixed(int(u), f);
      }
      case 2: {
        const len = this.varint(c);
        if (len > BigInt(c.left)) c.fail("length past the end");
        return this.len(c.bytes(Number(len)), depth);
      }
      case 3: {
        if (this.budget.tooDeep(depth + 1)) c.fail("groups nested too deep");
        return this.message(c, depth + 1, field);
      }
      default:
        return c.fail(`wire type ${wire}`);
    }
  }

  /** A fixed-width number: the integer, with its floating-point reading when that looks meant. */
  fixed(u: DNode, f: number): DNode {
    if (!Number.isFinite(f) || f === 0 || Math.abs(f) < 1e-9 || Math.abs(f) > 1e15) return u;
    return { k: "object", cls: "fixed", args: [u, float(f)] };
  }

  /** LEN: a nested message if the bytes are wholly one, else text, else bytes. */
  len(b: Uint8Array, depth: number): DNode {
    // A guess, so no tooDeep() here: that would record a cut for a nesting nobody asked for.
    if (b.length > 0 && depth + 1 <= this.budget.limits.depth && !this.budget.cut) {
      try {
        return this.message(new Cursor(b, "protobuf"), depth + 1);
      } catch (e) {
        if (!(e instanceof NotThisFormat)) throw e;
      }
    }
    const s = utf8OrNull(b);
    return s === null ? bytesNode(b) : str(s);
  }
}

export function decodeProtobuf(bytes: Uint8Array, budget: Budget): DNode {
  const c = new Cursor(bytes, "protobuf");
  if (bytes.length === 0) c.fail("empty");
  return new Reader(budget).message(c, 0);
}

/** No `detect`: only `decode=protobuf` reads a value as protobuf. */
export const protobuf: Decoder = {
  format: "protobuf",
  style: "json",
  decode: decodeProtobuf,
  summary: (t) =>
    t.k === "map" ? `protobuf · message of ${t.entries.length + (t.more ?? 0)} fields` : "protobuf",
};
