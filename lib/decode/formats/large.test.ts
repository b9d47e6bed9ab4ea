import { describe, expect, it } from "vitest";
import type { DecodeRequest } from "@/lib/schemas/decode";
import { MarshalWriter } from "@/test/decode/marshal-writer";
import { decodeBytes } from "../registry";

// Each reader on a large valid value (8 MiB, DECODE_INPUT_MAX in lib/decode/page.ts): the tree
// is cut at the node budget, and the whole decoding stays near the 250 ms time limit instead of
// walking megabytes after it (the bound is loose for a loaded 2-core machine).

const N = 8 * 1024 * 1024;
const be32 = (x: number) =>
  Buffer.from([(x >>> 24) & 255, (x >>> 16) & 255, (x >>> 8) & 255, x & 255]);
const then = (head: Buffer, fill: number | Buffer, n: number) =>
  Buffer.concat([head, Buffer.alloc(n).fill(fill)]);

const cases: [string, () => Buffer, DecodeRequest][] = [
  ["msgpack", () => then(Buffer.concat([Buffer.from([0xdd]), be32(N)]), 0xc0, N), "auto"], // array32 of N nils
  ["php", () => Buffer.from(`a:${N / 8}:{${"i:0;i:1;".repeat(N / 8)}}`), "auto"],
  ["marshal", () => then(new MarshalWriter().raw(0x5b).long(N).bytes(), 0x30, N), "auto"], // '[' of N nils
  [
    "java",
    // int[N/4]: TC_ARRAY, TC_CLASSDESC "[I", its serialVersionUID (4dba602676eab2a5, the JDK's),
    // flags SC_SERIALIZABLE, no fields, TC_ENDBLOCKDATA, no superclass, the length, the ints.
    () =>
      then(
        Buffer.concat([
          Buffer.from(
            "aced00057572" + "00025b49" + "4dba602676eab2a5" + "02" + "0000" + "78" + "70",
            "hex",
          ),
          be32(N / 4),
        ]),
        0,
        N,
      ),
    "auto",
  ],
  ["protobuf", () => Buffer.alloc(N).fill(Buffer.from([0x08, 0x01])), { format: "protobuf" }], // field 1 = 1, 4 M times
];

describe("large values answer in bounded time", () => {
  it.each(cases)(
    "%s",
    async (format, make, req) => {
      const input = make();
      const t0 = performance.now();
      const d = await decodeBytes(input, req);
      const ms = performance.now() - t0;
      console.log(`${format}: ${input.length} bytes in ${ms.toFixed(0)} ms, cut: ${d?.cut}`);
      expect(d?.format).toBe(format);
      expect(d?.error).toBeUndefined();
      expect(d?.cut).toBeDefined();
      expect(ms).toBeLessThan(1500);
    },
    30_000,
  );
});
