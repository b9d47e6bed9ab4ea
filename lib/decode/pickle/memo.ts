import { bad, latin1 } from "./input";
import type { Ops } from "./machine";

// The opcodes of framing (PROTO, FRAME), of the stack and its marks, and of the memo.

const MAX_PROTO = 5;

function memoIndex(l: Uint8Array, at: number): number {
  const s = latin1.decode(l);
  if (!/^\d{1,10}$/.test(s)) bad("bad memo index", at);
  return Number(s);
}

export const MEMO_OPS: Ops = [
  [
    0x80, // PROTO
    (m, at) => {
      const v = m.u8();
      if (v > MAX_PROTO) bad(`protocol ${v}`, at);
      m.proto = v;
    },
  ],
  [0x95, (m) => m.len8()], // FRAME: a hint for buffered readers; only its length is checked
  // -- the stack and the memo
  [
    0x30, // POP
    (m) => {
      if (m.marks.length > 0 && m.marks.at(-1) === m.stack.length) m.marks.pop();
      else m.pop();
    },
  ],
  [0x32, (m) => m.push(m.top())], // DUP
  [0x28, (m) => m.mark()], // MARK
  [0x31, (m) => m.popMark()], // POP_MARK
  [0x67, (m, at) => m.push(m.memoGet(memoIndex(m.line(), at)))], // GET
  [0x68, (m) => m.push(m.memoGet(m.u8()))], // BINGET
  [0x6a, (m) => m.push(m.memoGet(m.u32()))], // LONG_BINGET
  [0x70, (m, at) => m.memoPut(memoIndex(m.line(), at))], // PUT
  [0x71, (m) => m.memoPut(m.u8())], // BINPUT
  [0x72, (m) => m.memoPut(m.u32())], // LONG_BINPUT
  [0x94, (m) => m.memoPut(m.memoCount)], // MEMOIZE
];
