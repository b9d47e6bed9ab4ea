import { NotThisFormat } from "../node";

// The bytes of a pickle as the machine (machine.ts) reads them: every length is checked against
// what is left before a view is made or a number believed, so a hostile length prefix
// (BINBYTES8 of 2^63) fails at once instead of allocating.

export const utf8 = new TextDecoder("utf-8");
export const latin1 = new TextDecoder("latin1");

export const text = (b: Uint8Array): string => utf8.decode(b);

export function bad(what: string, at: number): never {
  throw new NotThisFormat(`not a pickle: ${what} at byte ${at}`);
}

export class Input {
  pos = 0;
  readonly view: DataView;
  constructor(readonly d: Uint8Array) {
    this.view = new DataView(d.buffer, d.byteOffset, d.byteLength);
  }

  need(n: number): number {
    const at = this.pos;
    if (n > this.d.length - at) bad(`${n} bytes wanted, ${this.d.length - at} left`, at);
    this.pos += n;
    return at;
  }
  bytes(n: number): Uint8Array {
    const at = this.need(n);
    return this.d.subarray(at, at + n);
  }
  u8(): number {
    return this.d[this.need(1)] as number;
  }
  u16(): number {
    return this.view.getUint16(this.need(2), true);
  }
  u32(): number {
    return this.view.getUint32(this.need(4), true);
  }
  i32(): number {
    return this.view.getInt32(this.need(4), true);
  }
  /** An 8-byte length, checked against what is left before it becomes a number. */
  len8(): number {
    const at = this.need(8);
    const n = this.view.getBigUint64(at, true);
    if (n > BigInt(this.d.length - this.pos)) bad(`length ${n} past the end`, at);
    return Number(n);
  }
  /** A 4-byte length (BINSTRING's is signed). */
  len4(signed = false): number {
    const at = this.pos;
    const n = signed ? this.i32() : this.u32();
    if (n < 0) bad("negative length", at);
    return n;
  }
  /** `n` bytes of UTF-8 (TextDecoder on a view beats a JS loop even for short keys). */
  str(n: number): string {
    const at = this.need(n);
    return utf8.decode(this.d.subarray(at, at + n));
  }
  line(): Uint8Array {
    const end = this.d.indexOf(0x0a, this.pos);
    if (end < 0) bad("line without an end", this.pos);
    const out = this.d.subarray(this.pos, end);
    this.pos = end + 1;
    return out;
  }
}
