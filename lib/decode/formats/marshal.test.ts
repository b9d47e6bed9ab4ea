import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { MarshalWriter } from "@/test/decode/marshal-writer";
import { Budget, NotThisFormat } from "../node";
import { decodeBytes } from "../registry";
import { readMarshal } from "./marshal";

// Ruby Marshal on byte-exact streams from test/decode/marshal-writer.ts (each byte there is from
// Ruby's doc/marshal.rdoc), and Rails cache entries in the three formats Rails has written.

const M = () => new MarshalWriter();
const tree = (b: Uint8Array) => readMarshal(b, new Budget());

/** Rails 7.1's header: "\x00\x11", then [type, expires_at, version_length].pack("CEl<"). */
function rails71(type: number, expiresAt: number, version: string | null, payload: Uint8Array) {
  const head = Buffer.alloc(15);
  head[0] = 0x00;
  head[1] = 0x11;
  head[2] = type;
  head.writeDoubleLE(expiresAt, 3);
  head.writeInt32LE(version === null ? -1 : Buffer.byteLength(version), 11);
  return Buffer.concat([head, Buffer.from(version ?? ""), payload]);
}

describe("Ruby Marshal", () => {
  it("reads nil, booleans, fixnums of every width, floats, bignums, strings and symbols", async () => {
    const w = M().hash(9, (h) => {
      h.str("name").str("grüß"); // UTF-8 strings ('I' '"' … :E true)
      h.symbol("sym").int(1); // a symbol key; fixnum 1 is one byte 0x06
      h.int(2).array(3, (a) => a.nil().bool(true).bool(false));
      h.str("f").float(1.5);
      h.str("big").bignum(2n ** 70n);
      h.str("neg").int(-129); // 0xfe 0x7f 0xff: two bytes, negative
      h.str("wide").int(1_000_000); // 0x03 + three bytes
      h.str("bin").binary(Uint8Array.from([0xff, 0x00])); // no encoding ivar: bytes
      h.symbol("sym").float(Number.POSITIVE_INFINITY); // the symbol again, as a ';' link
    });
    const d = await decodeBytes(w.bytes(), "auto");
    expect(d?.chain).toEqual(["marshal"]);
    const t = d?.tree;
    if (t?.k !== "map") throw new Error("not a map");
    expect(t.entries[0]).toEqual([
      { k: "str", v: "name" },
      { k: "str", v: "grüß" },
    ]);
    expect(t.entries[1]).toEqual([
      { k: "object", cls: "Symbol", repr: ":sym" },
      { k: "int", v: "1" },
    ]);
    expect(t.entries[2]?.[1]).toEqual({
      k: "list",
      items: [{ k: "null" }, { k: "bool", v: true }, { k: "bool", v: false }],
    });
    expect(t.entries[3]?.[1]).toEqual({ k: "float", v: 1.5 });
    expect(t.entries[4]?.[1]).toEqual({ k: "int", v: (2n ** 70n).toString() });
    expect(t.entries[5]?.[1]).toEqual({ k: "int", v: "-129" });
    expect(t.entries[6]?.[1]).toEqual({ k: "int", v: "1000000" });
    expect(t.entries[7]?.[1]).toMatchObject({ k: "bytes", len: 2 });
    expect(t.entries[8]).toEqual([
      { k: "object", cls: "Symbol", repr: ":sym" },
      { k: "float", v: "inf" },
    ]);
    expect(d?.text).toContain(":sym: 1");
  });

  it("reads objects with instance variables, and links as refs", () => {
    // [p, p] where p = Point.new(x: 1, y: -1): the second is '@' 1 (the array is object 0)
    const w = M().array(2, (a) =>
      a.object("Point", 2, (o) => o.symbol("@x").int(1).symbol("@y").int(-1)).link(1),
    );
    expect(tree(w.bytes())).toEqual({
      k: "list",
      items: [
        {
          k: "object",
          cls: "Point",
          id: 1,
          fields: [
            ["@x", { k: "int", v: "1" }],
            ["@y", { k: "int", v: "-1" }],
          ],
        },
        { k: "ref", id: 1, cls: "Point" },
      ],
    });
  });

  it("reads Ruby 1.8's floats, with mantissa bytes after a NUL", () => {
    // 'f', length 5, "1.5", NUL, one extra mantissa byte
    expect(tree(M().raw(0x66).long(5).raw(0x31, 0x2e, 0x35, 0x00, 0x9a).bytes())).toEqual({
      k: "float",
      v: 1.5,
    });
  });

  it("shows a Time (its _dump bytes) as a date", () => {
    // time_mdump: p = 1<<31 | utc<<30 | (year-1900)<<14 | (mon-1)<<10 | mday<<5 | hour;
    //             s = min<<26 | sec<<20 | usec — for 2023-11-14 22:13:20 UTC
    const p = ((1 << 31) | (1 << 30) | ((2023 - 1900) << 14) | (10 << 10) | (14 << 5) | 22) >>> 0;
    const s = ((13 << 26) | (20 << 20)) >>> 0;
    const data = Buffer.alloc(8);
    data.writeUInt32LE(p, 0);
    data.writeUInt32LE(s, 4);
    expect(tree(M().userDefined("Time", data).bytes())).toEqual({
      k: "object",
      cls: "Time",
      repr: "2023-11-14T22:13:20.000Z",
    });
  });

  it("shows a Rails ≤ 6.1 cache entry as its value and expiry, compressed or not", async () => {
    const entry = (value: (w: MarshalWriter) => void, compressed: boolean) =>
      M().object("ActiveSupport::Cache::Entry", compressed ? 5 : 4, (o) => {
        o.symbol("@value");
        value(o);
        o.symbol("@version").nil();
        o.symbol("@created_at").float(1700000000);
        o.symbol("@expires_in").float(300);
        if (compressed) o.symbol("@compressed").bool(true);
      });
    const plain = await decodeBytes(entry((w) => w.str("hello"), false).bytes(), "auto");
    expect(plain?.summary).toBe(
      "Rails cache entry · str (5 chars) · expires 2023-11-14T22:18:20.000Z",
    );
    expect(plain?.tree).toMatchObject({
      cls: "ActiveSupport::Cache::Entry",
      fields: [
        ["value", { k: "str", v: "hello" }],
        ["expires_at", { repr: "2023-11-14T22:18:20.000Z" }],
      ],
    });
    const inner = zlib.deflateSync(
      M()
        .array(1, (a) => a.str("deflated"))
        .bytes(),
    );
    const packed = await decodeBytes(entry((w) => w.binary(inner), true).bytes(), "auto");
    expect(packed?.tree).toMatchObject({
      fields: [
        ["value", { k: "list", items: [{ k: "str", v: "deflated" }] }],
        expect.anything(),
        ["compressed", { v: "zlib" }],
      ],
    });
  });

  it("reads Rails 7.0 entries: a mark byte and Marshal of [value, expires_at, version]", async () => {
    const packed = M()
      .array(3, (a) => a.str("v7").float(1700000300).str("etag-1"))
      .bytes();
    const plain = await decodeBytes(Buffer.concat([Buffer.from([0]), packed]), "auto");
    expect(plain?.tree).toMatchObject({
      cls: "ActiveSupport::Cache::Entry",
      fields: [
        ["value", { k: "str", v: "v7" }],
        ["expires_at", { repr: "2023-11-14T22:18:20.000Z" }],
        ["version", { k: "str", v: "etag-1" }],
      ],
    });
    const z = await decodeBytes(
      Buffer.concat([Buffer.from([1]), zlib.deflateSync(packed)]),
      "auto",
    );
    expect(z?.format).toBe("marshal");
    expect(z?.text).toContain('"v7"');
  });

  it("reads Rails 7.1 entries: the \\x00\\x11 header, then Marshal, a string, or zlib of either", async () => {
    const value = M()
      .hash(1, (h) => h.symbol("id").int(7))
      .bytes();
    const obj = await decodeBytes(rails71(0x01, 1700000300, null, value), "auto");
    expect(obj?.summary).toBe("Rails cache entry · dict of 1 · expires 2023-11-14T22:18:20.000Z");
    const z = await decodeBytes(rails71(0x81, -1, "v2", zlib.deflateSync(value)), "auto");
    expect(z?.tree).toMatchObject({
      fields: [
        ["value", { k: "map" }],
        ["expires_at", { k: "null" }],
        ["version", { v: "v2" }],
        ["compressed", {}],
      ],
    });
    const s = await decodeBytes(rails71(0x02, -1, null, Buffer.from("plain ü")), "auto");
    expect(s?.tree).toMatchObject({
      fields: [["value", { k: "str", v: "plain ü" }], expect.anything()],
    });
  });

  it("refuses huge counts, unknown links and trailing bytes; cuts deep nesting", async () => {
    const t0 = performance.now();
    expect(() =>
      tree(
        M()
          .raw(0x5b)
          .long(1 << 30)
          .bytes(),
      ),
    ).toThrow(NotThisFormat); // '[' of 2^30
    expect(() =>
      tree(
        M()
          .raw(0x22)
          .long(1 << 30)
          .bytes(),
      ),
    ).toThrow(NotThisFormat); // '"' of 1 GiB
    expect(() => tree(M().link(3).bytes())).toThrow(NotThisFormat);
    expect(() => tree(M().raw(0x3b).long(0).bytes())).toThrow(NotThisFormat); // symlink, no symbols
    expect(() => tree(M().nil().nil().bytes())).toThrow(NotThisFormat);
    expect(performance.now() - t0).toBeLessThan(50);
    const deep = M();
    for (let i = 0; i < 50_000; i++) deep.raw(0x5b, 6); // '[' of 1
    deep.nil();
    const d = await decodeBytes(deep.bytes(), "auto");
    expect(d?.format).toBe("marshal");
    expect(d?.cut).toMatch(/nested deeper than 64/);
  });
});

describe("Marshal recursion is bounded everywhere", () => {
  it("cuts a class name symbol whose encoding ivar names nest 100,000 deep", async () => {
    // 'o', then as the class symbol: 'I' ':' "a" and 1 ivar, whose name is again 'I' ':' "a" …
    const w = new MarshalWriter().raw(0x6f);
    for (let i = 0; i < 100_000; i++) w.raw(0x49, 0x3a).long(1).raw(0x61).long(1);
    const d = await decodeBytes(w.bytes(), "auto");
    expect(d?.format).toBe("marshal");
    expect(d?.cut).toMatch(/nested deeper than 64/);
  });
});
