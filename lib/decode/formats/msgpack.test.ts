import { describe, expect, it } from "vitest";
import { Budget, DEFAULT_LIMITS, NotThisFormat } from "../node";
import { decodeBytes } from "../registry";
import { decodeMsgpack } from "./msgpack";

// MessagePack on bytes written out from the spec (github.com/msgpack/msgpack/blob/master/spec.md),
// each byte commented with the format it uses.

const b = (...parts: (number | string | number[])[]) =>
  Buffer.concat(
    parts.map((p) =>
      typeof p === "string" ? Buffer.from(p) : Buffer.from(Array.isArray(p) ? p : [p]),
    ),
  );
const tree = (bytes: Uint8Array) => decodeMsgpack(bytes, new Budget());

describe("msgpack", () => {
  it("reads every type into the tree, keys of any type in map entries", async () => {
    const bytes = b(
      0x8a, // fixmap of 10
      0xa1,
      "i",
      0x7f, // "i": positive fixint 127
      0xa1,
      "n",
      0xe0, // "n": negative fixint -32
      0xa3,
      "u64",
      0xcf,
      [0, 0x20, 0, 0, 0, 0, 0, 1], // uint64 2^53 + 1
      0xa3,
      "i64",
      0xd3,
      [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], // int64 -1
      0xa1,
      "f",
      0xcb,
      [0x3f, 0xf8, 0, 0, 0, 0, 0, 0], // float64 1.5
      0xa1,
      "b",
      0xc4,
      3,
      [0xff, 0x00, 0x80], // bin8 of 3 bytes (not UTF-8)
      0x01,
      0xc3, // int key 1: true
      0x92,
      0xc0,
      0xc2,
      0xa0, // key [nil, false]: "" (fixarray as a map key)
      0xa9,
      "__proto__",
      0x81,
      0xa1,
      "x",
      0x01, // "__proto__": {"x": 1}
      0xd9,
      2,
      "é",
      0xca,
      [0x3f, 0x80, 0, 0], // str8 "é": float32 1.0
    );
    const decoded = await decodeBytes(bytes, "auto");
    expect(decoded?.chain).toEqual(["msgpack"]);
    const t = decoded?.tree;
    expect(t?.k).toBe("map");
    if (t?.k !== "map") return;
    const v = (i: number) => t.entries[i]?.[1];
    expect(v(0)).toEqual({ k: "int", v: "127" });
    expect(v(1)).toEqual({ k: "int", v: "-32" });
    expect(v(2)).toEqual({ k: "int", v: "9007199254740993" });
    expect(v(3)).toEqual({ k: "int", v: "-1" });
    expect(v(4)).toEqual({ k: "float", v: 1.5 });
    expect(v(5)).toMatchObject({ k: "bytes", len: 3, b64: "/wCA" });
    expect(t.entries[6]).toEqual([
      { k: "int", v: "1" },
      { k: "bool", v: true },
    ]);
    expect(t.entries[7]?.[0]).toEqual({
      k: "list",
      items: [{ k: "null" }, { k: "bool", v: false }],
    });
    expect(t.entries[8]?.[0]).toEqual({ k: "str", v: "__proto__" });
    expect(t.entries[9]).toEqual([
      { k: "str", v: "é" },
      { k: "float", v: 1 },
    ]);
    expect(decoded?.text).toContain("9007199254740993");
    expect(decoded?.summary).toBe("msgpack · dict of 10");
  });

  it("shows extension types as msgpack.ext(N) and timestamps (ext -1) as dates", () => {
    // fixext 1, type 5, data 0x2a
    expect(tree(b(0xd4, 5, 0x2a))).toEqual({
      k: "object",
      cls: "msgpack.ext(5)",
      args: [{ k: "bytes", b64: "Kg==", len: 1 }],
    });
    // timestamp 32: fixext 4, type -1 (0xff), seconds 1700000000 = 0x6553f100
    expect(tree(b(0xd6, 0xff, [0x65, 0x53, 0xf1, 0x00]))).toEqual({
      k: "object",
      cls: "msgpack.timestamp",
      repr: "2023-11-14T22:13:20.000000000Z",
    });
    // timestamp 64: fixext 8; nanoseconds 5 in the top 30 bits (5 << 2), seconds in the low 34
    expect(tree(b(0xd7, 0xff, [0, 0, 0, 20, 0x65, 0x53, 0xf1, 0x00]))).toMatchObject({
      repr: "2023-11-14T22:13:20.000000005Z",
    });
    // timestamp 96: ext 8 (0xc7, length 12), nanoseconds uint32, seconds int64 (-1)
    expect(
      tree(b(0xc7, 12, 0xff, [0, 0, 0, 0], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])),
    ).toMatchObject({ repr: "1969-12-31T23:59:59.000000000Z" });
  });

  it("detects only a map, array or ext at the top that fills the input exactly", async () => {
    expect(await decodeBytes(b(0xa5, "hello"), "auto")).toBeNull(); // a bare fixstr: text-like
    expect(await decodeBytes(b(0x92, 0x01, 0x02, 0x03), "auto")).toBeNull(); // a byte left over
    expect(await decodeBytes(b(0x93, 0x01, 0x02), "auto")).toBeNull(); // one item short
    // Forced, a scalar top is fine.
    const forced = await decodeBytes(b(0xa5, "hello"), { format: "msgpack" });
    expect(forced?.tree).toEqual({ k: "str", v: "hello" });
    // str holding non-UTF-8 bytes (old raw type): shown as bytes, not dropped.
    expect(tree(b(0x91, 0xa2, [0xc3, 0x28]))).toMatchObject({ items: [{ k: "bytes", len: 2 }] });
  });

  it("refuses huge length prefixes at once", () => {
    const t0 = performance.now();
    for (const hostile of [
      b(0xdd, [0xff, 0xff, 0xff, 0xff]), // array32 of 4 G items, nothing after
      b(0xdf, [0xff, 0xff, 0xff, 0xff], 0x01), // map32 of 4 G pairs
      b(0xdb, [0xff, 0xff, 0xff, 0xff], "x"), // str32 of 4 GiB
      b(0xc6, [0x7f, 0xff, 0xff, 0xff]), // bin32 of 2 GiB
      b(0xc9, [0xff, 0xff, 0xff, 0xff], 0x01), // ext32 of 4 GiB
      b(0x91, 0xc1), // the never-used byte
    ])
      expect(() => tree(hostile)).toThrow(NotThisFormat);
    expect(performance.now() - t0).toBeLessThan(50);
  });

  it("cuts deep nesting and wide containers, still checking the whole input", async () => {
    const deep = Buffer.concat([Buffer.alloc(100_000, 0x91), Buffer.from([0xc0])]);
    const d = await decodeBytes(deep, "auto");
    expect(d?.format).toBe("msgpack");
    expect(d?.cut).toMatch(/nested deeper than 64/);
    // ... and a deep one with a byte missing is not msgpack at all.
    expect(await decodeBytes(deep.subarray(0, -1), "auto")).toBeNull();

    const wide = Buffer.concat([
      Buffer.from([0xdd, 0, 1, 0x86, 0xa0]),
      Buffer.alloc(100_000, 0xc0),
    ]);
    const w = await decodeBytes(wide, "auto");
    expect(w?.cut).toMatch(/more than 20000 nodes/);
    expect(w?.tree).toMatchObject({ k: "list", more: expect.any(Number) });
    if (w?.tree?.k === "list") expect(w.tree.items.length + (w.tree.more ?? 0)).toBe(100_000);
    expect(DEFAULT_LIMITS.nodes).toBe(20_000);
  });
});
