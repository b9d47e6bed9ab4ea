import { bad, latin1 } from "./input";
import type { Machine, Ops } from "./machine";
import { py2, rawUnicodeEscape, unescapeBytes } from "./strings";
import { type Py, PyBytes, PyFloat, PyHugeInt, PyOpaque } from "./values";

// The opcodes of single values: ints, floats, constants, strings, bytes and out-of-band buffers.

/** Ints longer than this (≈4,900 digits) are not printed: BigInt → decimal is quadratic. */
export const HUGE_INT_BYTES = 2048;

function long(m: Machine, n: number): Py {
  const b = m.bytes(n);
  m.tick(n >> 4);
  if (n === 0) return 0;
  const negative = ((b[n - 1] as number) & 0x80) !== 0;
  if (n > HUGE_INT_BYTES) return m.made(new PyHugeInt(n, negative));
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

function intLine(m: Machine, s: string, at: number): Py {
  if (!/^[-+]?\d+$/.test(s)) bad(`bad int ${JSON.stringify(s.slice(0, 40))}`, at);
  if (s.length > HUGE_INT_BYTES * 2.4) return m.made(new PyHugeInt(s.length, s[0] === "-"));
  m.tick(s.length >> 4);
  const v = BigInt(s);
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(v)
    : v;
}

function floatLine(s: string, at: number): PyFloat {
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
function stringLine(m: Machine, at: number): Py {
  const l = m.line();
  const q = l[0];
  if (l.length < 2 || (q !== 0x27 && q !== 0x22) || l[l.length - 1] !== q)
    bad("STRING not quoted", at);
  return py2(unescapeBytes(l.subarray(1, l.length - 1)));
}

export const SCALAR_OPS: Ops = [
  // -- ints, floats, constants
  [
    0x49, // INT (protocol 0; "00"/"01" are False/True)
    (m, at) => {
      const s = latin1.decode(m.line());
      m.push(s === "00" ? false : s === "01" ? true : intLine(m, s, at));
    },
  ],
  [0x4a, (m) => m.push(m.i32())], // BININT
  [0x4b, (m) => m.push(m.u8())], // BININT1
  [0x4d, (m) => m.push(m.u16())], // BININT2
  [
    0x4c, // LONG: "123L"
    (m, at) => m.push(intLine(m, latin1.decode(m.line()).replace(/L$/, ""), at)),
  ],
  [0x8a, (m) => m.push(long(m, m.u8()))], // LONG1
  [0x8b, (m) => m.push(long(m, m.len4(true)))], // LONG4 (signed length)
  [0x46, (m, at) => m.push(floatLine(latin1.decode(m.line()), at))], // FLOAT
  // BINFLOAT: big-endian double
  [0x47, (m) => m.push(new PyFloat(m.view.getFloat64(m.need(8), false)))],
  [0x4e, (m) => m.push(null)], // NONE
  [0x88, (m) => m.push(true)], // NEWTRUE
  [0x89, (m) => m.push(false)], // NEWFALSE
  // -- strings and bytes
  [0x53, (m, at) => m.push(stringLine(m, at))], // STRING
  [0x54, (m) => m.push(py2(m.bytes(m.len4(true))))], // BINSTRING
  [0x55, (m) => m.push(py2(m.bytes(m.u8())))], // SHORT_BINSTRING
  [0x42, (m) => m.push(new PyBytes(m.bytes(m.len4())))], // BINBYTES
  [0x43, (m) => m.push(new PyBytes(m.bytes(m.u8())))], // SHORT_BINBYTES
  [0x8e, (m) => m.push(new PyBytes(m.bytes(m.len8())))], // BINBYTES8
  [0x96, (m) => m.push(m.made(new PyBytes(m.bytes(m.len8()), "bytearray")))], // BYTEARRAY8
  [0x56, (m) => m.push(rawUnicodeEscape(m.line()))], // UNICODE: raw-unicode-escape
  [0x58, (m) => m.push(m.str(m.len4()))], // BINUNICODE
  [0x8c, (m) => m.push(m.str(m.u8()))], // SHORT_BINUNICODE
  [0x8d, (m) => m.push(m.str(m.len8()))], // BINUNICODE8
  // -- out-of-band buffers (never available to a Redis value)
  [0x97, (m) => m.push(m.made(new PyOpaque("buffer")))], // NEXT_BUFFER
  [
    0x98, // READONLY_BUFFER
    (m) => {
      const t = m.top();
      if (t instanceof PyOpaque && t.kind === "buffer") t.readonly_ = true;
    },
  ],
];
