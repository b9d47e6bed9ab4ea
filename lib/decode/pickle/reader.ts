import { type Budget, NotThisFormat } from "../node";
import { CALL_OPS } from "./calls";
import { CONTAINER_OPS } from "./containers";
import { bad } from "./input";
import { Limit, Machine, type Op } from "./machine";
import { MEMO_OPS } from "./memo";
import { SCALAR_OPS } from "./scalars";
import type { Py } from "./values";

export { HUGE_INT_BYTES } from "./scalars";

// The pickle machine: all 68 opcodes of protocols 0-5 (CPython's Lib/pickletools.py), run over
// inert values (values.ts). Nothing is imported or called: GLOBAL names a class, REDUCE/NEWOBJ/
// BUILD record what would have happened. Our own rather than npm's pickleparser 0.2.1 or jpickle:
// they read LONG1/LONG4 as unsigned, throw on BINPERSID/EXT, leave protocol-0 escapes undone and
// key dicts by JS object keys (`__proto__`). Every length is checked against the bytes left
// before anything is allocated, and the machine is bounded in stack, marks, objects and time.
// (This file is the loop and its table; the machine's state is machine.ts, the opcodes are
// grouped by what they do in scalars.ts, containers.ts, memo.ts and calls.ts, each listed like
// pickletools' table; reading bytes is input.ts, protocol-0 text strings.ts.)

/** Larger values are shown raw (page.ts reads at most this much too). */
export const PICKLE_INPUT_MAX = 8 * 1024 * 1024;

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

const STOP = 0x2e;

/** Each opcode's handler, by byte; STOP is the loop's own. Built once: the loop is hot. */
const OPS: Op[] = new Array<Op>(256).fill((m, at) =>
  bad(`opcode 0x${(m.d[at] as number).toString(16)}`, at),
);
for (const ops of [SCALAR_OPS, CONTAINER_OPS, MEMO_OPS, CALL_OPS])
  for (const [code, op] of ops) OPS[code] = op;

function run(m: Machine): Py {
  const d = m.d;
  for (;;) {
    m.tick(1);
    const at = m.pos;
    if (at >= d.length) bad("no STOP", at);
    const op = d[m.pos++] as number;
    const p = OPCODE_PROTO[op] as number;
    if (p === 255) bad(`unknown opcode 0x${op.toString(16)}`, at);
    if (p > m.maxProto) m.maxProto = p;
    if (op === STOP) return m.pop();
    (OPS[op] as Op)(m, at);
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
    value = run(m);
  } catch (e) {
    if (!(e instanceof Limit)) throw e;
    budget.cut ??= `pickle stopped: ${e.message}`;
    const partial = m.partial();
    if (partial === undefined) throw new NotThisFormat(`pickle stopped: ${e.message}`);
    value = partial;
  }
  return { value, proto: m.proto >= 0 ? m.proto : m.maxProto, calls: [...m.calls] };
}
