import { NotThisFormat } from "../node";

// A bounds-checked reader over a value's bytes, shared by the binary formats: every length
// prefix is checked against what is left before anything is allocated, so a hostile prefix
// (msgpack `dd ff ff ff ff`, Java's 2^31-element array) ends the reader at once instead of
// allocating gigabytes. Multi-byte numbers are read through a DataView (no copies).

const utf8 = new TextDecoder("utf-8", { fatal: true });

export class Cursor {
  i = 0;
  readonly view: DataView;
  constructor(
    readonly b: Uint8Array,
    readonly format: string,
  ) {
    this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }
  get left(): number {
    return this.b.length - this.i;
  }
  get done(): boolean {
    return this.i >= this.b.length;
  }
  fail(what: string): never {
    throw new NotThisFormat(`not ${this.format}: ${what} at byte ${this.i}`);
  }
  need(n: number, what = "data"): void {
    if (n < 0 || n > this.left) this.fail(`${what} of ${n} bytes past the end`);
  }
  u8(): number {
    this.need(1);
    return this.b[this.i++] as number;
  }
  peek(): number | undefined {
    return this.b[this.i];
  }
  bytes(n: number, what?: string): Uint8Array {
    this.need(n, what);
    const out = this.b.subarray(this.i, this.i + n);
    this.i += n;
    return out;
  }
  private num<T>(n: number, get: (at: number) => T): T {
    this.need(n);
    const v = get(this.i);
    this.i += n;
    return v;
  }
  u16(le = false): number {
    return this.num(2, (at) => this.view.getUint16(at, le));
  }
  i16(le = false): number {
    return this.num(2, (at) => this.view.getInt16(at, le));
  }
  u32(le = false): number {
    return this.num(4, (at) => this.view.getUint32(at, le));
  }
  i32(le = false): number {
    return this.num(4, (at) => this.view.getInt32(at, le));
  }
  u64(le = false): bigint {
    return this.num(8, (at) => this.view.getBigUint64(at, le));
  }
  i64(le = false): bigint {
    return this.num(8, (at) => this.view.getBigInt64(at, le));
  }
  f32(le = false): number {
    return this.num(4, (at) => this.view.getFloat32(at, le));
  }
  f64(le = false): number {
    return this.num(8, (at) => this.view.getFloat64(at, le));
  }
}

/** UTF-8 text, or null when the bytes are not UTF-8 (the caller shows them as bytes). */
export function utf8OrNull(b: Uint8Array): string | null {
  try {
    return utf8.decode(b);
  } catch {
    return null;
  }
}
