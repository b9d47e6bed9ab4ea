import zlib from "node:zlib";
import { NotThisFormat } from "../node";
import type { Decompressor } from "../registry";
import { Collector, type Inflated } from "./collect";

// zlib, gzip and brotli through node:zlib's streams, not the *Sync calls: `maxOutputLength`
// makes those throw without the output, and a bomb would still be inflated chunk by chunk up to
// the limit. A stream is destroyed as soon as the cap is reached, so at most one chunk past it is
// ever made (measured in compress.test.ts: 256 MiB of zeros → 16 MiB, well under 500 ms).

const CHUNK = 64 * 1024;

function pump(
  stream: zlib.Inflate | zlib.Gunzip | zlib.BrotliDecompress,
  input: Uint8Array,
  max: number,
  name: string,
): Promise<Inflated> {
  return new Promise((resolve, reject) => {
    const out = new Collector(max);
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      resolve(out.result());
    };
    stream.on("data", (chunk: Buffer) => {
      if (!out.add(chunk)) {
        stream.destroy();
        finish();
      }
    });
    stream.on("end", finish);
    stream.on("error", (e) => {
      if (settled) return;
      settled = true;
      reject(new NotThisFormat(`not ${name}: ${e.message}`));
    });
    stream.end(input);
  });
}

/** zlib (RFC 1950): CMF 0x78 (deflate, 32 KiB window) and a FLG byte making CMF·256+FLG a multiple of 31. */
export function isZlib(b: Uint8Array): boolean {
  const cmf = b[0];
  const flg = b[1];
  if (cmf !== 0x78 || flg === undefined) return false;
  return flg === 0x01 || flg === 0x5e || flg === 0x9c || flg === 0xda;
}

export const zlibDecompressor: Decompressor = {
  name: "zlib",
  magic: isZlib,
  inflate: (bytes, max) => pump(zlib.createInflate({ chunkSize: CHUNK }), bytes, max, "zlib"),
};

export const gzipDecompressor: Decompressor = {
  name: "gzip",
  magic: (b) => b[0] === 0x1f && b[1] === 0x8b,
  inflate: (bytes, max) => pump(zlib.createGunzip({ chunkSize: CHUNK }), bytes, max, "gzip"),
};

/** Brotli has no magic bytes: only ever forced (`decode=brotli,<format>`) or hinted. */
export const brotliDecompressor: Decompressor = {
  name: "brotli",
  inflate: (bytes, max) =>
    pump(zlib.createBrotliDecompress({ chunkSize: CHUNK }), bytes, max, "brotli"),
};
