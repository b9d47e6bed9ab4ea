import type { Budget } from "../node";
import { bad, Input } from "./input";
import { CUT, callableName, type Py, PyCall, type PyCut, PyGlobal, py3Name } from "./values";

// The pickle machine's state: its stack, marks and memo, what it keeps or skims, and its clock.
// Its opcodes are in scalars.ts, containers.ts, memo.ts and calls.ts; reader.ts runs them.

// A stack slot is 8 bytes: 1M slots is 8 MiB, a tuple far longer than any cached value. Marks
// nest once per container being built, so 4096 is far past the tree's depth limit (64).
const MAX_STACK = 1 << 20;
const MAX_MARKS = 4096;
// Memo entries kept (and the most objects ever kept): 500k (≈40 MB) bounds a hostile 8 MiB
// pickle of MEMOIZE opcodes.
const MAX_OBJECTS = 500_000;
/** Distinct callables remembered for the summary. */
const MAX_CALLS = 16;

/** A limit stopped the machine: what is built so far is shown, cut. */
export class Limit extends Error {}

/** One opcode's work; `at` is the opcode's offset, for errors. */
export type Op = (m: Machine, at: number) => void;
/** A group of opcodes, by byte. */
export type Ops = readonly (readonly [code: number, op: Op])[];

export class Machine extends Input {
  readonly stack: Py[] = [];
  readonly marks: number[] = [];
  // Indices are usually 0, 1, 2…: an array (sparse ones fall back to V8's dictionary mode).
  private readonly memo: (Py | undefined)[] = [];
  memoCount = 0;
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
  push(v: Py): void {
    if (this.stack.length >= MAX_STACK) throw new Limit(`a stack deeper than ${MAX_STACK}`);
    this.stack.push(v);
  }
  pop(): Py {
    if (this.stack.length <= (this.marks.at(-1) ?? 0)) bad("stack underflow", this.pos - 1);
    return this.stack.pop() as Py;
  }
  top(): Py {
    if (this.stack.length <= (this.marks.at(-1) ?? 0)) bad("stack underflow", this.pos - 1);
    return this.stack[this.stack.length - 1] as Py;
  }
  mark(): void {
    if (this.marks.length >= MAX_MARKS) throw new Limit(`more than ${MAX_MARKS} marks`);
    this.marks.push(this.stack.length);
  }
  popMark(): Py[] {
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
  keep(): boolean {
    if (this.skim) return false;
    if (++this.weight > this.skimAt) this.skim = true;
    return !this.skim;
  }
  made<T>(v: T): T {
    return this.keep() ? v : (CUT as T);
  }
  weigh(n: number): void {
    this.weight += n;
    if (this.weight > this.skimAt) this.skim = true;
  }
  private memoEntry(): void {
    if (++this.memoCount > MAX_OBJECTS) throw new Limit(`more than ${MAX_OBJECTS} memo entries`);
  }
  memoGet(i: number): Py {
    const v = this.memo[i];
    if (v === undefined) bad(`memo ${i} missing`, this.pos);
    return v;
  }
  memoPut(i: number): void {
    if (this.stack.length <= (this.marks.at(-1) ?? 0)) bad("PUT of an empty stack", this.pos);
    if (this.memo[i] === undefined) this.memoEntry();
    this.memo[i] = this.stack[this.stack.length - 1] as Py;
  }
  call(fn: Py, args: Py[], kind: PyCall["kind"], kwargs?: Py): PyCall | PyCut {
    if (kind !== "newobj" && this.calls.size < MAX_CALLS && fn !== CUT)
      this.calls.add(callableName(fn) ?? "an unnamed callable");
    return this.keep() ? new PyCall(fn, args, kind, kwargs) : CUT;
  }
  /** Kept even when skimming: a call's name is what the summary warns of. */
  global(module: string, name: string): PyGlobal {
    return new PyGlobal(...py3Name(module, name));
  }

  // ---- the clock -----------------------------------------------------------------------------
  /** Work done, in opcodes (a long int or string counts as more); the clock is read every 4096. */
  private work = 0;
  private nextCheck = 4096;
  tick(cost: number): void {
    this.work += cost;
    if (this.work >= this.nextCheck) this.clock();
  }
  private clock(): void {
    this.nextCheck = this.work + 4096;
    if (this.budget.expired()) throw new Limit(this.budget.cut ?? "time");
  }

  /** After a limit: the outermost object being built (the pickle's root, partly filled). */
  partial(): Py | undefined {
    return this.stack[0];
  }
}
