import { Decompress } from "fzstd";
import { NotThisFormat } from "../node";
import type { Decompressor } from "../registry";
import { Collector } from "./collect";

// Zstandard through fzstd (pure JS; Node 20 has no zlib zstd). fzstd's streaming decoder
// decodes every whole block in what it is given, and an RLE block of 128 KiB is 4 bytes, so a
// push of a few KiB could make gigabytes. We walk the frame ourselves (RFC 8878 §3.1: frame
// header, then blocks with a 3-byte header each) and push one block at a time, stopping once
// the output passes the cap: at most one block (128 KiB) is made past maxBytes. Pushing fixed
// small slices instead would be quadratic: fzstd re-concatenates a pending block on every push.

const MAGIC = 0xfd2fb528;

/** The end offset of each piece to push: a frame header with its first block, then each block. */
function* pieces(b: Uint8Array): Generator<number> {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let i = 0;
  while (i < b.length) {
    if (i + 4 > b.length) throw new NotThisFormat("not zstd: truncated frame");
    const magic = view.getUint32(i, true);
    if ((magic & 0xfffffff0) === 0x184d2a50) {
      // A skippable frame: its own length, no output.
      if (i + 8 > b.length) throw new NotThisFormat("not zstd: truncated frame");
      i += 8 + view.getUint32(i + 4, true);
      yield Math.min(i, b.length);
      continue;
    }
    if (magic !== MAGIC) throw new NotThisFormat("not zstd: bad magic");
    const fhd = b[i + 4];
    if (fhd === undefined) throw new NotThisFormat("not zstd: truncated frame");
    const single = (fhd & 0x20) !== 0;
    const fcsFlag = fhd >> 6;
    const fcs = fcsFlag === 0 ? (single ? 1 : 0) : 1 << fcsFlag;
    const dict = [0, 1, 2, 4][fhd & 3] as number;
    i += 5 + (single ? 0 : 1) + dict + fcs;
    for (;;) {
      if (i + 3 > b.length) throw new NotThisFormat("not zstd: truncated block");
      const h = (b[i] as number) | ((b[i + 1] as number) << 8) | ((b[i + 2] as number) << 16);
      const last = h & 1;
      const type = (h >> 1) & 3;
      const size = h >>> 3;
      if (type === 3) throw new NotThisFormat("not zstd: reserved block type");
      i += 3 + (type === 1 ? 1 : size);
      if (last) {
        if (fhd & 4) i += 4; // content checksum
        yield Math.min(i, b.length);
        break;
      }
      yield Math.min(i, b.length);
    }
  }
}

export const zstdDecompressor: Decompressor = {
  name: "zstd",
  magic: (b) => b[0] === 0x28 && b[1] === 0xb5 && b[2] === 0x2f && b[3] === 0xfd,
  inflate: (bytes, max) => {
    const out = new Collector(max);
    let ended = false;
    const dec = new Decompress((chunk, final) => {
      out.add(chunk);
      if (final) ended = true;
    });
    try {
      let from = 0;
      for (const to of pieces(bytes)) {
        dec.push(bytes.subarray(from, to), to >= bytes.length);
        from = to;
        if (out.full) break;
      }
    } catch (e) {
      if (e instanceof NotThisFormat) throw e;
      throw new NotThisFormat(`not zstd: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!out.full && !ended) throw new NotThisFormat("not zstd: the frame ends early");
    return out.result();
  },
};
