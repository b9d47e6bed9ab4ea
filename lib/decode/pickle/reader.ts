import { type Budget, NotThisFormat } from "../node";
import { bad, Input, latin1, text } from "./input";
import { py2, rawUnicodeEscape, unescapeBytes } from "./strings";
import {
  CUT,
  callableName,
  type Py,
  PyBytes,
  PyCall,
  type PyCut,
  PyDict,
  PyFloat,
  PyGlobal,
  PyHugeInt,
  PyList,
  PyOpaque,
  PySet,
  PyTuple,
  py3Name,
} from "./values";

// The pickle machine: all 68 opcodes of protocols 0-5 (CPython's Lib/pickletools.py), run over
// inert values (values.ts). Nothing is imported or called: GLOBAL names a class, REDUCE/NEWOBJ/
// BUILD record what would have happened. Our own rather than npm's pickleparser 0.2.1 or jpickle:
// they read LONG1/LONG4 as unsigned, throw on BINPERSID/EXT, leave protocol-0 escapes undone and
// key dicts by JS object keys (`__proto__`). Every length is checked against the bytes left
// before anything is allocated, and the machine is bounded in stack, marks, objects and time.
// (The file is long because it is one switch over the 68 opcodes, kept whole so it reads like
// pickletools' table; reading bytes is input.ts, protocol-0 text strings.ts.)

/** Larger values are shown raw (page.ts reads at most this much too). */
export const PICKLE_INPUT_MAX = 8 * 1024 * 1024;
// A stack slot is 8 bytes: 1M slots is 8 MiB, a tuple far longer than any cached value. Marks
// nest once per container being built, so 4096 is far past the tree's depth limit (64).
const MAX_STACK = 1 << 20;
const MAX_MARKS = 4096;
// Memo entries kept (and the most objects ever kept): 500k (≈40 MB) bounds a hostile 8 MiB
// pickle of MEMOIZE opcodes.
const MAX_OBJECTS = 500_000;
/** Ints longer than this (≈4,900 digits) are not printed: BigInt → decimal is quadratic. */
export const HUGE_INT_BYTES = 2048;
const MAX_PROTO = 5;
/** Distinct callables remembered for the summary. */
const MAX_CALLS = 16;

/** A limit stopped the machine: what is built so far is shown, cut. */
class Limit extends Error {}

export type Run = {
  value: Py;
  /** PROTO's version, else the highest protocol of the opcodes used (0 or 1). */
  proto: number;
  /** Callables REDUCE/INST/OBJ would have called, by dotted name (what a summary warns of). */
  calls: string[];
};

/** Each opcode's protocol, by byte (255 = not an opcode). */
export const OPCODE_PROTO = new Uint8Array(256).fill(255);
for (const [proto, codes] of [
  [0, "(.02FILNPRSVabcdgilpst"],
  [1, "1JKMQTUX}ehj]oqr)uG"],
  [2, "\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b"],
  [3, "BC"],
  [4, "\x8c\x8d\x8e\x8f\x90\x91\x92\x93\x94\x95"],
  [5, "\x96\x97\x98"],
] as const)
  for (const c of codes) OPCODE_PROTO[c.charCodeAt(0)] = proto;

class Machine extends Input {
  private stack: Py[] = [];
  private marks: number[] = [];
  // Indices are usually 0, 1, 2…: an array (sparse ones fall back to V8's dictionary mode).
  private readonly memo: (Py | undefined)[] = [];
  private memoCount = 0;
  private weight = 0;
  private skim = false;
  private readonly skimAt: number;
  proto = -1;
  maxProto = 0;
  readonly calls = new Set<string>();

  constructor(
    d: Uint8Array,
    private readonly budget: Budget,
  ) {
    super(d);
    this.skimAt = Math.min(MAX_OBJECTS, 2 * budget.limits.nodes + 64);
  }

  // ---- the stack -----------------------------------------------------------------------------
  private push(v: Py): void {
    if (this.stack.length >= MAX_STACK) throw new Limit(`a stack deeper than ${MAX_STACK}`);
    this.stack.push(v);
  }
  private pop(): Py {
    if (this.stack.length <= (this.marks.at(-1) ?? 0)) bad("stack underflow", this.pos - 1);
    return this.stack.pop() as Py;
  }
  private top(): Py {
    if (this.stack.length <= (this.marks.at(-1) ?? 0)) bad("stack underflow", this.pos - 1);
    return this.stack[this.stack.length - 1] as Py;
  }
  private popMark(): Py[] {
    const mark = this.marks.pop();
    if (mark === undefined) bad("no MARK", this.pos - 1);
    return this.stack.splice(mark);
  }
  /**
   * Whether to keep a new container or call: no (it is CUT) once the pickle holds more than the
   * tree can show. `weight` counts objects and the items put in them, each at least one node
   * (at most twice counted), so past 2 × the node limit the rest is only skimmed: still run, so
   * lengths and the calls it makes are known, but nothing new is kept or even allocated.
   * A 1 MiB pickle of 20k dicts then keeps ~4k of them.
   */
  private keep(): boolean {
    if (this.skim) return false;
    if (++this.weight > this.skimAt) this.skim = true;
    return !this.skim;
  }
  private made<T>(v: T): T {
    return this.keep() ? v : (CUT as T);
  }
  private weigh(n: number): void {
    this.weight += n;
    if (this.weight > this.skimAt) this.skim = true;
  }
  private memoEntry(): void {
    if (++this.memoCount > MAX_OBJECTS) throw new Limit(`more than ${MAX_OBJECTS} memo entries`);
  }
  private memoGet(i: number): Py {
    const v = this.memo[i];
    if (v === undefined) bad(`memo ${i} missing`, this.pos);
    return v;
  }
  private memoPut(i: number): void {
    if (this.stack.length <= (this.marks.at(-1) ?? 0)) bad("PUT of an empty stack", this.pos);
    if (this.memo[i] === undefined) this.memoEntry();
    this.memo[i] = this.stack[this.stack.length - 1] as Py;
  }
  private call(fn: Py, args: Py[], kind: PyCall["kind"], kwargs?: Py): PyCall | PyCut {
    if (kind !== "newobj" && this.calls.size < MAX_CALLS && fn !== CUT)
      this.calls.add(callableName(fn) ?? "an unnamed callable");
    return this.keep() ? new PyCall(fn, args, kind, kwargs) : CUT;
  }
  /** Kept even when skimming: a call's name is what the summary warns of. */
  private global(module: string, name: string): PyGlobal {
    return new PyGlobal(...py3Name(module, name));
  }

  // ---- values --------------------------------------------------------------------------------
  private long(n: number): Py {
    const b = this.bytes(n);
    this.tick(n >> 4);
    if (n === 0) return 0;
    const negative = ((b[n - 1] as number) & 0x80) !== 0;
    if (n > HUGE_INT_BYTES) return this.made(new PyHugeInt(n, negative));
    if (n <= 6) {
      // Two's complement, little-endian, within 2^47: exact as a number.
      let v = 0;
      for (let i = n - 1; i >= 0; i--) v = v * 256 + (b[i] as number);
      return negative ? v - 2 ** (8 * n) : v;
    }
    let hex = "";
    for (let i = n - 1; i >= 0; i--) hex += (b[i] as number).toString(16).padStart(2, "0");
    const v = BigInt(`0x${hex}`);
    return negative ? v - (1n << BigInt(8 * n)) : v;
  }
  private intLine(s: string, at: number): Py {
    if (!/^[-+]?\d+$/.test(s)) bad(`bad int ${JSON.stringify(s.slice(0, 40))}`, at);
    if (s.length > HUGE_INT_BYTES * 2.4) return this.made(new PyHugeInt(s.length, s[0] === "-"));
    this.tick(s.length >> 4);
    const v = BigInt(s);
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(v)
      : v;
  }
  private floatLine(s: string, at: number): PyFloat {
    const t = s.trim().toLowerCase();
    const special: Record<string, number> = {
      inf: Number.POSITIVE_INFINITY,
      "+inf": Number.POSITIVE_INFINITY,
      "-inf": Number.NEGATIVE_INFINITY,
      nan: Number.NaN,
      "-nan": Number.NaN,
    };
    if (t in special) return new PyFloat(special[t] as number);
    if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(t)) bad("bad float", at);
    return new PyFloat(Number(t));
  }
  /** STRING's argument: a Python 2 str literal, quotes and escapes and all. */
  private stringLine(at: number): Py {
    const l = this.line();
    const q = l[0];
    if (l.length < 2 || (q !== 0x27 && q !== 0x22) || l[l.length - 1] !== q)
      bad("STRING not quoted", at);
    return py2(unescapeBytes(l.subarray(1, l.length - 1)));
  }

  // ---- the loop ------------------------------------------------------------------------------
  /** Work done, in opcodes (a long int or string counts as more); the clock is read every 4096. */
  private work = 0;
  private nextCheck = 4096;
  private tick(cost: number): void {
    this.work += cost;
    if (this.work >= this.nextCheck) this.clock();
  }
  private clock(): void {
    this.nextCheck = this.work + 4096;
    if (this.budget.expired()) throw new Limit(this.budget.cut ?? "time");
  }

  run(): Py {
    const d = this.d;
    for (;;) {
      if (++this.work >= this.nextCheck) this.clock();
      const at = this.pos;
      if (at >= d.length) bad("no STOP", at);
      const op = d[this.pos++] as number;
      const p = OPCODE_PROTO[op] as number;
      if (p === 255) bad(`unknown opcode 0x${op.toString(16)}`, at);
      if (p > this.maxProto) this.maxProto = p;
      switch (op) {
        case 0x80: {
          // PROTO
          const v = this.u8();
          if (v > MAX_PROTO) bad(`protocol ${v}`, at);
          this.proto = v;
          break;
        }
        case 0x95: // FRAME: a hint for buffered readers; only its length is checked
          this.len8();
          break;
        case 0x2e: // STOP
          return this.pop();
        // -- ints, floats, constants
        case 0x49: {
          // INT (protocol 0; "00"/"01" are False/True)
          const s = latin1.decode(this.line());
          this.push(s === "00" ? false : s === "01" ? true : this.intLine(s, at));
          break;
        }
        case 0x4a: // BININT
          this.push(this.i32());
          break;
        case 0x4b: // BININT1
          this.push(this.u8());
          break;
        case 0x4d: // BININT2
          this.push(this.u16());
          break;
        case 0x4c: // LONG: "123L"
          this.push(this.intLine(latin1.decode(this.line()).replace(/L$/, ""), at));
          break;
        case 0x8a: // LONG1
          this.push(this.long(this.u8()));
          break;
        case 0x8b: // LONG4 (signed length)
          this.push(this.long(this.len4(true)));
          break;
        case 0x46: // FLOAT
          this.push(this.floatLine(latin1.decode(this.line()), at));
          break;
        case 0x47: // BINFLOAT: big-endian double
          this.push(new PyFloat(this.view.getFloat64(this.need(8), false)));
          break;
        case 0x4e: // NONE
          this.push(null);
          break;
        case 0x88: // NEWTRUE
          this.push(true);
          break;
        case 0x89: // NEWFALSE
          this.push(false);
          break;
        // -- strings and bytes
        case 0x53: // STRING
          this.push(this.stringLine(at));
          break;
        case 0x54: // BINSTRING
          this.push(py2(this.bytes(this.len4(true))));
          break;
        case 0x55: // SHORT_BINSTRING
          this.push(py2(this.bytes(this.u8())));
          break;
        case 0x42: // BINBYTES
          this.push(new PyBytes(this.bytes(this.len4())));
          break;
        case 0x43: // SHORT_BINBYTES
          this.push(new PyBytes(this.bytes(this.u8())));
          break;
        case 0x8e: // BINBYTES8
          this.push(new PyBytes(this.bytes(this.len8())));
          break;
        case 0x96: // BYTEARRAY8
          this.push(this.made(new PyBytes(this.bytes(this.len8()), "bytearray")));
          break;
        case 0x56: // UNICODE: raw-unicode-escape
          this.push(rawUnicodeEscape(this.line()));
          break;
        case 0x58: // BINUNICODE
          this.push(this.str(this.len4()));
          break;
        case 0x8c: // SHORT_BINUNICODE
          this.push(this.str(this.u8()));
          break;
        case 0x8d: // BINUNICODE8
          this.push(this.str(this.len8()));
          break;
        // -- out-of-band buffers (never available to a Redis value)
        case 0x97: // NEXT_BUFFER
          this.push(this.made(new PyOpaque("buffer")));
          break;
        case 0x98: {
          // READONLY_BUFFER
          const t = this.top();
          if (t instanceof PyOpaque && t.kind === "buffer") t.readonly_ = true;
          break;
        }
        // -- containers
        case 0x5d: // EMPTY_LIST
          this.push(this.keep() ? new PyList() : CUT);
          break;
        case 0x6c: // LIST
          this.push(this.made(new PyList(this.popMark())));
          break;
        case 0x61: {
          // APPEND
          const v = this.pop();
          this.append(this.top(), [v], at);
          break;
        }
        case 0x65: {
          // APPENDS
          const items = this.popMark();
          this.append(this.top(), items, at);
          break;
        }
        case 0x29: // EMPTY_TUPLE
          this.push(this.keep() ? new PyTuple([]) : CUT);
          break;
        case 0x74: // TUPLE
          this.push(this.made(new PyTuple(this.popMark())));
          break;
        case 0x85: {
          // TUPLE1
          const a = this.pop();
          this.push(this.keep() ? new PyTuple([a]) : CUT);
          break;
        }
        case 0x86: {
          // TUPLE2
          const b = this.pop();
          const a = this.pop();
          this.push(this.keep() ? new PyTuple([a, b]) : CUT);
          break;
        }
        case 0x87: {
          // TUPLE3
          const c = this.pop();
          const b = this.pop();
          const a = this.pop();
          this.push(this.keep() ? new PyTuple([a, b, c]) : CUT);
          break;
        }
        case 0x7d: // EMPTY_DICT
          this.push(this.keep() ? new PyDict() : CUT);
          break;
        case 0x64: {
          // DICT
          const items = this.popMark();
          if (items.length % 2) bad("DICT of an odd number of items", at);
          const dict = new PyDict();
          for (let i = 0; i < items.length; i += 2) dict.set(items[i] as Py, items[i + 1] as Py);
          this.push(this.made(dict));
          break;
        }
        case 0x73: {
          // SETITEM
          const v = this.pop();
          const k = this.pop();
          this.setItems(this.top(), [k, v], 0, at);
          break;
        }
        case 0x75: {
          // SETITEMS (the pairs are read where they are on the stack, then dropped)
          const mark = this.marks.pop();
          if (mark === undefined) bad("no MARK", at);
          if ((this.stack.length - mark) % 2) bad("SETITEMS of an odd number of items", at);
          if (mark <= (this.marks.at(-1) ?? 0)) bad("stack underflow", at);
          this.setItems(this.stack[mark - 1] as Py, this.stack, mark, at);
          this.stack.length = mark;
          break;
        }
        case 0x8f: // EMPTY_SET
          this.push(this.keep() ? new PySet([], false) : CUT);
          break;
        case 0x90: {
          // ADDITEMS
          const items = this.popMark();
          const set = this.top();
          if (set instanceof PySet) for (const v of items) set.items.push(v);
          else if (set !== CUT) bad("ADDITEMS to a non-set", at);
          break;
        }
        case 0x91: // FROZENSET
          this.push(this.made(new PySet(this.popMark(), true)));
          break;
        // -- the stack and the memo
        case 0x30: // POP
          if (this.marks.length > 0 && this.marks.at(-1) === this.stack.length) this.marks.pop();
          else this.pop();
          break;
        case 0x32: // DUP
          this.push(this.top());
          break;
        case 0x28: // MARK
          if (this.marks.length >= MAX_MARKS) throw new Limit(`more than ${MAX_MARKS} marks`);
          this.marks.push(this.stack.length);
          break;
        case 0x31: // POP_MARK
          this.popMark();
          break;
        case 0x67: // GET
          this.push(this.memoGet(this.memoIndex(this.line(), at)));
          break;
        case 0x68: // BINGET
          this.push(this.memoGet(this.u8()));
          break;
        case 0x6a: // LONG_BINGET
          this.push(this.memoGet(this.u32()));
          break;
        case 0x70: // PUT
          this.memoPut(this.memoIndex(this.line(), at));
          break;
        case 0x71: // BINPUT
          this.memoPut(this.u8());
          break;
        case 0x72: // LONG_BINPUT
          this.memoPut(this.u32());
          break;
        case 0x94: // MEMOIZE
          this.memoPut(this.memoCount);
          break;
        // -- references outside the pickle
        case 0x50: // PERSID
          this.push(this.made(new PyOpaque("persid", latin1.decode(this.line()))));
          break;
        case 0x51: // BINPERSID
          this.push(this.made(new PyOpaque("persid", this.pop())));
          break;
        case 0x82: // EXT1
          this.push(this.made(new PyOpaque("ext", this.u8())));
          break;
        case 0x83: // EXT2
          this.push(this.made(new PyOpaque("ext", this.u16())));
          break;
        case 0x84: // EXT4
          this.push(this.made(new PyOpaque("ext", this.i32())));
          break;
        // -- classes and calls (recorded, never made)
        case 0x63: {
          // GLOBAL
          const module = text(this.line());
          this.push(this.global(module, text(this.line())));
          break;
        }
        case 0x93: {
          // STACK_GLOBAL
          const name = this.pop();
          const module = this.pop();
          if (typeof module !== "string" || typeof name !== "string")
            bad("STACK_GLOBAL of non-strings", at);
          this.push(this.global(module, name));
          break;
        }
        case 0x52: {
          // REDUCE
          const args = this.pop();
          const fn = this.pop();
          this.push(this.call(fn, args instanceof PyTuple ? args.items : [args], "reduce"));
          break;
        }
        case 0x81: {
          // NEWOBJ
          const args = this.pop();
          const cls = this.pop();
          this.push(this.call(cls, args instanceof PyTuple ? args.items : [args], "newobj"));
          break;
        }
        case 0x92: {
          // NEWOBJ_EX
          const kwargs = this.pop();
          const args = this.pop();
          const cls = this.pop();
          const list = args instanceof PyTuple ? args.items : [args];
          this.push(this.call(cls, list, "newobj", kwargs));
          break;
        }
        case 0x69: {
          // INST
          const module = text(this.line());
          const cls = this.global(module, text(this.line()));
          this.push(this.call(cls, this.popMark(), "inst"));
          break;
        }
        case 0x6f: {
          // OBJ
          const items = this.popMark();
          if (items.length === 0) bad("OBJ without a class", at);
          this.push(this.call(items[0] as Py, items.slice(1), "obj"));
          break;
        }
        case 0x62: {
          // BUILD
          const state = this.pop();
          const obj = this.top();
          if (obj instanceof PyCall) obj.state = state;
          // BUILD on anything else would raise in CPython; the state is dropped, not shown wrong.
          break;
        }
        default:
          bad(`opcode 0x${op.toString(16)}`, at);
      }
    }
  }

  private memoIndex(l: Uint8Array, at: number): number {
    const s = latin1.decode(l);
    if (!/^\d{1,10}$/.test(s)) bad("bad memo index", at);
    return Number(s);
  }
  private append(target: Py, items: Py[], at: number): void {
    this.weigh(items.length);
    if (target instanceof PyList) for (const v of items) target.items.push(v);
    else if (target instanceof PyCall) {
      target.listitems ??= [];
      for (const v of items) target.listitems.push(v);
    } else if (target !== CUT) bad("APPEND to a non-list", at);
  }
  /** Sets the pairs items[from…] on a dict (or records them on a call). */
  private setItems(target: Py, items: Py[], from: number, at: number): void {
    this.weigh(items.length - from);
    if (target instanceof PyDict)
      for (let i = from; i < items.length; i += 2) target.set(items[i] as Py, items[i + 1] as Py);
    else if (target instanceof PyCall) {
      target.dictitems ??= [];
      for (let i = from; i < items.length; i += 2)
        target.dictitems.push([items[i] as Py, items[i + 1] as Py]);
    } else if (target !== CUT) bad("SETITEM on a non-dict", at);
  }

  /** After a limit: the outermost object being built (the pickle's root, partly filled). */
  partial(): Py | undefined {
    return this.stack[0];
  }
}

/**
 * Runs a pickle. Throws NotThisFormat when the bytes are not one (bad opcode, truncated, no
 * STOP, protocol > 5); when a limit stops it, answers what was built so far and sets budget.cut.
 */
export function runPickle(bytes: Uint8Array, budget: Budget): Run {
  if (bytes.length > PICKLE_INPUT_MAX) throw new NotThisFormat("pickle over 8 MiB");
  if (bytes[0] !== 0x80 && bytes[bytes.length - 1] !== 0x2e)
    throw new NotThisFormat("not a pickle: no PROTO and no STOP at the end");
  const m = new Machine(bytes, budget);
  let value: Py;
  try {
    value = m.run();
  } catch (e) {
    if (!(e instanceof Limit)) throw e;
    budget.cut ??= `pickle stopped: ${e.message}`;
    const partial = m.partial();
    if (partial === undefined) throw new NotThisFormat(`pickle stopped: ${e.message}`);
    value = partial;
  }
  return { value, proto: m.proto >= 0 ? m.proto : m.maxProto, calls: [...m.calls] };
}
