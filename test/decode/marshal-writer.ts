// A small Ruby Marshal 4.8 writer for the Marshal decoder's tests (Ruby is not installed here).
// Every byte follows Ruby's doc/marshal.rdoc ("Marshal Format") and marshal.c's w_* functions;
// the comments name the section each comes from.

export class MarshalWriter {
  private out: number[] = [4, 8]; // "Stream Format": major version 4, minor 8
  private symbols = new Map<string, number>();

  bytes(): Buffer {
    return Buffer.from(this.out);
  }
  raw(...b: number[]): this {
    this.out.push(...b);
    return this;
  }
  /** "Fixnum and long": w_long. */
  long(n: number): this {
    if (n === 0) return this.raw(0);
    if (n > 0 && n < 123) return this.raw(n + 5);
    if (n < 0 && n > -124) return this.raw((n - 5) & 0xff);
    const bytes: number[] = [];
    let x = n;
    for (let i = 0; i < 4; i++) {
      bytes.push(x & 0xff);
      x >>= 8;
      if ((n >= 0 && x === 0) || (n < 0 && x === -1)) break;
    }
    return this.raw(n >= 0 ? bytes.length : 256 - bytes.length, ...bytes);
  }
  private text(s: string | Uint8Array): this {
    const b = typeof s === "string" ? Buffer.from(s) : Buffer.from(s);
    return this.long(b.length).raw(...b);
  }
  nil(): this {
    return this.raw(0x30); // "nil, true, false": '0'
  }
  bool(v: boolean): this {
    return this.raw(v ? 0x54 : 0x46); // 'T' / 'F'
  }
  int(n: number): this {
    return this.raw(0x69).long(n); // 'i'
  }
  /** "Symbols and Byte Sequence": ':' the first time, ';' + index after. */
  symbol(name: string): this {
    const at = this.symbols.get(name);
    if (at !== undefined) return this.raw(0x3b).long(at);
    this.symbols.set(name, this.symbols.size);
    return this.raw(0x3a).text(name);
  }
  /** "String": a UTF-8 string is 'I' '"' bytes, then one ivar :E => true ("Instance Variables"). */
  str(s: string): this {
    return this.raw(0x49, 0x22).text(s).long(1).symbol("E").bool(true);
  }
  /** A binary (ASCII-8BIT) string: '"' with no encoding ivar. */
  binary(b: Uint8Array): this {
    return this.raw(0x22).text(b);
  }
  /** "Float": 'f' and the shortest text that round-trips ("inf", "-inf", "nan" too). */
  float(v: number): this {
    const t = Number.isNaN(v)
      ? "nan"
      : v === Infinity
        ? "inf"
        : v === -Infinity
          ? "-inf"
          : String(v);
    return this.raw(0x66).text(t);
  }
  /** "Bignum": 'l', '+' or '-', the length in 16-bit words, little-endian bytes. */
  bignum(v: bigint): this {
    let x = v < 0n ? -v : v;
    const bytes: number[] = [];
    while (x > 0n) {
      bytes.push(Number(x & 0xffn));
      x >>= 8n;
    }
    if (bytes.length % 2) bytes.push(0);
    return this.raw(0x6c, v < 0n ? 0x2d : 0x2b)
      .long(bytes.length / 2)
      .raw(...bytes);
  }
  /** "Array": '[' count, then each element written by `items`. */
  array(count: number, items: (w: this) => void): this {
    this.raw(0x5b).long(count);
    items(this);
    return this;
  }
  /** "Hash and Hash with Default Value": '{' pair count, then key, value … */
  hash(count: number, pairs: (w: this) => void): this {
    this.raw(0x7b).long(count);
    pairs(this);
    return this;
  }
  /** "Object": 'o', the class symbol, ivar count, then (ivar symbol, value) … */
  object(cls: string, count: number, ivars: (w: this) => void): this {
    this.raw(0x6f).symbol(cls).long(count);
    ivars(this);
    return this;
  }
  /** "User Class": 'u' class symbol and _dump's bytes. */
  userDefined(cls: string, data: Uint8Array): this {
    return this.raw(0x75).symbol(cls).text(data);
  }
  /** "Object References": '@' and the object's index (every object but nil/true/false/Fixnum/Symbol). */
  link(index: number): this {
    return this.raw(0x40).long(index);
  }
}
