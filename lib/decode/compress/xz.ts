import xz from "xz-decompress";
import { NotThisFormat } from "../node";
import type { Decompressor } from "../registry";
import { Collector } from "./collect";

// xz (what Python's lzma module and django-redis's LzmaCompressor write) through xz-decompress:
// xz-embedded compiled to WebAssembly, no native addon, streaming. We read its output stream
// and cancel it at the cap, so a bomb is never inflated past maxBytes (compress.test.ts
// measures the RSS growth). Node 20 has web streams and Blob, which is all it needs.

const MAGIC = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];

export const xzDecompressor: Decompressor = {
  name: "lzma",
  magic: (b) => MAGIC.every((m, i) => b[i] === m),
  inflate: async (bytes, max) => {
    const out = new Collector(max);
    const stream = new xz.XzReadableStream(new Blob([new Uint8Array(bytes)]).stream());
    const reader = stream.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!out.add(value)) {
          await reader.cancel().catch(() => {});
          break;
        }
      }
    } catch (e) {
      throw new NotThisFormat(`not xz: ${e instanceof Error ? e.message : String(e)}`);
    }
    return out.result();
  },
};
