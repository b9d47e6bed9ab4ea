import { describe, expect, it } from "vitest";
import { Budget, NotThisFormat } from "../node";
import { decodeBytes } from "../registry";
import { decodeProtobuf } from "./protobuf";

// Schemaless protobuf on wire bytes written from the encoding spec (protobuf.dev/programming-guides/encoding).

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ""), "hex");
const tree = (b: Uint8Array) => decodeProtobuf(b, new Budget());

describe("protobuf without a schema", () => {
  it("reads varints, fixed numbers, strings, nested messages and groups by field number", async () => {
    const msg = hex(
      `
      08 96 01                      # field 1, varint 150
      12 07 74 65 73 74 69 6e 67    # field 2, LEN "testing"
      1a 03 08 96 01                # field 3, LEN: a message {1: 150}
      21 00 00 00 00 00 00 f8 3f    # field 4, I64: double 1.5
      2d 00 00 c0 3f                # field 5, I32: float 1.5
      33 08 01 34                   # field 6, SGROUP {1: 1} EGROUP
      3a 02 ff 00                   # field 7, LEN: not a message, not UTF-8 → bytes
      40 ff ff ff ff ff ff ff ff ff 01  # field 8, varint 2^64-1 (-1 as int64)
    `.replace(/#[^\n]*/g, ""),
    );
    const d = await decodeBytes(msg, { format: "protobuf" });
    expect(d?.error).toBeUndefined();
    expect(d?.tree).toEqual({
      k: "map",
      entries: [
        [
          { k: "int", v: "1" },
          { k: "int", v: "150" },
        ],
        [
          { k: "int", v: "2" },
          { k: "str", v: "testing" },
        ],
        [
          { k: "int", v: "3" },
          {
            k: "map",
            entries: [
              [
                { k: "int", v: "1" },
                { k: "int", v: "150" },
              ],
            ],
          },
        ],
        [
          { k: "int", v: "4" },
          {
            k: "object",
            cls: "fixed",
            args: [
              { k: "int", v: "4609434218613702656" },
              { k: "float", v: 1.5 },
            ],
          },
        ],
        [
          { k: "int", v: "5" },
          {
            k: "object",
            cls: "fixed",
            args: [
              { k: "int", v: "1069547520" },
              { k: "float", v: 1.5 },
            ],
          },
        ],
        [
          { k: "int", v: "6" },
          {
            k: "map",
            tag: "group",
            entries: [
              [
                { k: "int", v: "1" },
                { k: "int", v: "1" },
              ],
            ],
          },
        ],
        [
          { k: "int", v: "7" },
          { k: "bytes", b64: "/wA=", len: 2 },
        ],
        [
          { k: "int", v: "8" },
          { k: "int", v: "18446744073709551615" },
        ],
      ],
    });
  });

  it("is never detected, only forced", async () => {
    expect(await decodeBytes(hex("08 96 01"), "auto")).toBeNull();
  });

  it("refuses bad wire data with NotThisFormat, and bounds hostile input", async () => {
    expect(() => tree(hex("0a ff ff ff ff 0f"))).toThrow(NotThisFormat); // LEN of 4 GiB
    expect(() => tree(hex("0f"))).toThrow(NotThisFormat); // wire type 7
    expect(() => tree(hex("34"))).toThrow(NotThisFormat); // EGROUP without SGROUP
    expect(() => tree(hex("08 ff ff ff ff ff ff ff ff ff ff 01"))).toThrow(NotThisFormat); // 11-byte varint
    expect(() => tree(hex("00 00"))).toThrow(NotThisFormat); // field 0
    const forced = await decodeBytes(hex("0f"), { format: "protobuf" });
    expect(forced?.error).toMatch(/wire type 7/);
    // 200 nested LEN fields: guessed as messages down to the depth limit, then text/bytes.
    let inner: Buffer = hex("08 01");
    for (let i = 0; i < 200; i++)
      inner = Buffer.concat([Buffer.from([0x0a]), varint(inner.length), inner]);
    const t0 = performance.now();
    const d = await decodeBytes(inner, { format: "protobuf" });
    expect(performance.now() - t0).toBeLessThan(250);
    expect(d?.format).toBe("protobuf");
    expect(d?.error).toBeUndefined();
  });
});

function varint(n: number): Buffer {
  const out: number[] = [];
  let x = n;
  while (x > 0x7f) {
    out.push((x & 0x7f) | 0x80);
    x >>>= 7;
  }
  out.push(x);
  return Buffer.from(out);
}
