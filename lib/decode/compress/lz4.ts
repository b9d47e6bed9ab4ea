import { NotThisFormat } from "../node";
import type { Decompressor } from "../registry";
import { GrowBuffer, type Inflated } from "./collect";

// LZ4 frames (what python-lz4's lz4.frame and django-redis's Lz4Compressor write), read by our
// own reader: the npm ones (lz4js, lz4) decode a frame or block into a buffer of its full size
// with no output cap, and a 1 MiB frame can say 256 MiB. The format is small (lz4 frame format
// spec 1.6.x: header, blocks of sequences, end mark) and we stop writing at maxBytes. Checksums
// (xxHash32) are not verified: a damaged block still fails on its sequences, and a value shown
// is never trusted for anything but display.

const MAGIC = 0x184d2204;
const BLOCK_MAX = [0, 0, 0, 0, 64 << 10, 256 << 10, 1 << 20, 4 << 20];

/** The output, in a GrowBuffer (collect.ts: why it grows as it does). */
class Output {
  private readonly g: GrowBuffer;
  cut = false;
  constructor(max: number) {
    this.g = new GrowBuffer(max);
  }
  get n(): number {
    return this.g.n;
  }
  get buf(): Uint8Array {
    return this.g.buf;
  }
  /** Room for `more` bytes (cut when not all fit under the cap); how many fit. */
  room(more: number): number {
    const fit = this.g.reserve(more);
    if (fit < more) this.cut = true;
    return fit;
  }
  literals(src: Uint8Array, from: number, len: number): void {
    const fit = this.room(len);
    this.g.buf.set(src.subarray(from, from + fit), this.g.n);
    this.g.n += fit;
  }
  match(offset: number, len: number, floor: number): void {
    if (offset === 0 || offset > this.g.n - floor)
      throw new NotThisFormat("not lz4: bad match offset");
    const fit = this.room(len);
    const b = this.g.buf;
    let s = this.g.n - offset;
    const end = this.g.n + fit;
    if (offset >= fit) b.copyWithin(this.g.n, s, s + fit);
    else for (let d = this.g.n; d < end; d++) b[d] = b[s++] as number;
    this.g.n = end;
  }
  bytes(): Uint8Array {
    return this.g.bytes();
  }
}

const bad = (what: string): never => {
  throw new NotThisFormat(`not lz4: ${what}`);
};

/** One LZ4 block's sequences into `out`; `floor` is where matches may reach back to. */
function block(src: Uint8Array, start: number, end: number, out: Output, floor: number): void {
  let i = start;
  while (i < end && !out.cut) {
    const token = src[i++] as number;
    let lit = token >> 4;
    if (lit === 15) {
      for (;;) {
        if (i >= end) bad("truncated literal length");
        const x = src[i++] as number;
        lit += x;
        if (x !== 255) break;
      }
    }
    if (i + lit > end) bad("literals past the block");
    out.literals(src, i, lit);
    i += lit;
    if (i === end || out.cut) return; // the last sequence has literals only
    if (i + 2 > end) bad("truncated offset");
    const offset = (src[i] as number) | ((src[i + 1] as number) << 8);
    i += 2;
    let len = (token & 15) + 4;
    if ((token & 15) === 15) {
      for (;;) {
        if (i >= end) bad("truncated match length");
        const x = src[i++] as number;
        len += x;
        if (x !== 255) break;
      }
    }
    out.match(offset, len, floor);
  }
}

function frame(src: Uint8Array, max: number): Inflated {
  const view = new DataView(src.buffer, src.byteOffset, src.byteLength);
  const out = new Output(max);
  let i = 0;
  while (i < src.length && !out.cut) {
    if (i + 4 > src.length) bad("truncated frame");
    const magic = view.getUint32(i, true);
    if ((magic & 0xfffffff0) === 0x184d2a50) {
      if (i + 8 > src.length) bad("truncated skippable frame");
      i += 8 + view.getUint32(i + 4, true);
      continue;
    }
    if (magic !== MAGIC) bad(i === 0 ? "bad magic" : "trailing bytes after the frame");
    const flg = src[i + 4];
    const bd = src[i + 5];
    if (flg === undefined || bd === undefined) bad("truncated header");
    if ((flg as number) >> 6 !== 1) bad("unknown frame version");
    const maxBlock = BLOCK_MAX[((bd as number) >> 4) & 7] as number;
    if (!maxBlock) bad("bad block size");
    const independent = ((flg as number) & 0x20) !== 0;
    const blockSum = ((flg as number) & 0x10) !== 0;
    i += 6 + ((flg as number) & 0x08 ? 8 : 0) + ((flg as number) & 0x01 ? 4 : 0) + 1; // + HC byte
    for (;;) {
      if (i + 4 > src.length) bad("truncated block");
      const word = view.getUint32(i, true);
      i += 4;
      if (word === 0) break; // end mark
      const size = word & 0x7fffffff;
      if (size > maxBlock || i + size > src.length) bad("block past the input");
      if (word & 0x80000000) out.literals(src, i, size);
      else block(src, i, i + size, out, independent ? out.n : 0);
      i += size + (blockSum ? 4 : 0);
      if (out.cut) break;
    }
    if (!out.cut && (flg as number) & 0x04) i += 4; // content checksum
  }
  return { bytes: out.bytes(), cut: out.cut };
}

export const lz4Decompressor: Decompressor = {
  name: "lz4",
  magic: (b) => b[0] === 0x04 && b[1] === 0x22 && b[2] === 0x4d && b[3] === 0x18,
  inflate: (bytes, max) => frame(bytes, max),
};
