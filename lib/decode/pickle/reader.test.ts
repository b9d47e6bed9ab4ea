import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Budget, DEFAULT_LIMITS, type DNode, NotThisFormat } from "../node";
import { decodeBytes } from "../registry";
import { decodePickle, detectPickle } from "./decoder";
import { OPCODE_PROTO } from "./reader";

// The pickle reader against CPython 3.11's own pickles (test/fixtures/pickles/make.py wrote
// them; these tests never run Python): every kind of value at every protocol 0-5, hand-made
// pickles for the opcodes CPython 3 no longer writes, hostile ones, and broken ones.

type Case = {
  name: string;
  protocol: number;
  b64: string;
  mustShow: string[];
  summaryHas?: string[];
  error?: string;
};
type Fixture = {
  opcodes: { name: string; code: number; proto: number }[];
  opcodesUsed: number[];
  cases: Case[];
};
const fixture = JSON.parse(
  readFileSync(new URL("../../../test/fixtures/pickles/pickles.json", import.meta.url), "utf8"),
) as Fixture;
const bytesOf = (c: Case) => Buffer.from(c.b64, "base64");
const byName = (name: string) => bytesOf(fixture.cases.find((c) => c.name === name) as Case);
const good = fixture.cases.filter((c) => !c.error);
const bad = fixture.cases.filter((c) => c.error);

function tree(bytes: Uint8Array, limits = DEFAULT_LIMITS): { tree: DNode; budget: Budget } {
  const budget = new Budget(limits);
  return { tree: decodePickle(bytes, budget), budget };
}

describe("the opcode table", () => {
  it("has all 68 opcodes of pickletools, each with its protocol, and the fixtures use them all", () => {
    expect(fixture.opcodes).toHaveLength(68);
    for (const op of fixture.opcodes)
      expect([op.name, OPCODE_PROTO[op.code]]).toEqual([op.name, op.proto]);
    expect(OPCODE_PROTO.filter((p) => p !== 255)).toHaveLength(68);
    expect(fixture.opcodesUsed).toHaveLength(68);
  });
});

describe("CPython's pickles", () => {
  it.each(good.map((c) => [c.name, c] as const))("%s renders what Python holds", async (_, c) => {
    const d = await decodeBytes(bytesOf(c), { format: "pickle" });
    expect(d?.error).toBeUndefined();
    for (const s of c.mustShow) expect(d?.text).toContain(s);
    for (const s of c.summaryHas ?? []) expect(d?.summary).toContain(s);
    // The tree goes to the browser as JSON: nothing in it may change on the way (NaN, bigint).
    expect(JSON.parse(JSON.stringify(d?.tree))).toEqual(d?.tree);
    // Detection: protocols 2-5 by their header; 0 and 1 have none and are only read when forced.
    const auto = await decodeBytes(bytesOf(c), "auto");
    if (c.protocol >= 2) expect(auto?.format).toBe("pickle");
    else expect(auto?.format).not.toBe("pickle");
  });

  it.each(bad.map((c) => [c.name, c] as const))("%s is refused with a reason", async (_, c) => {
    const d = await decodeBytes(bytesOf(c), { format: "pickle" });
    expect(d?.error).toContain(c.error);
    expect(d?.error).not.toMatch(/reader failed/);
    expect(() => tree(bytesOf(c))).toThrow(NotThisFormat);
    expect((await decodeBytes(bytesOf(c), "auto"))?.format).not.toBe("pickle");
  });
});

describe("the tree", () => {
  it("keeps ints exact as decimal strings, signed LONG1/LONG4 included", () => {
    const t = tree(byName("ints/p4")).tree;
    expect(t.k === "list" && t.items.map((n) => (n.k === "int" ? n.v : n.k))).toEqual(
      [
        0n,
        1n,
        -1n,
        255n,
        256n,
        65535n,
        65536n,
        -129n,
        2n ** 31n - 1n,
        -(2n ** 31n),
        2n ** 63n,
        -(2n ** 63n) - 1n,
        2n ** 200n,
        -(2n ** 70n),
        2n ** 2100n,
        -(2n ** 2100n),
      ].map(String),
    );
  });

  it("has bytes as bytes nodes, floats as floats, and dict keys of any type as map entries", () => {
    const b = tree(byName("bytes/p4")).tree;
    expect(b.k === "list" && b.items[1]).toEqual({ k: "bytes", b64: "AP8=", len: 2 });
    const f = tree(byName("floats/p1")).tree;
    expect(f.k === "list" && f.items.map((n) => n.k === "float" && n.v)).toEqual([
      1.5,
      -0.25,
      1e300,
      3,
      "inf",
      "-inf",
      "nan",
    ]);
    const d = tree(byName("dict/p5")).tree;
    expect(d.k).toBe("map");
    const keys = d.k === "map" ? d.entries.map(([k]) => k) : [];
    expect(keys[1]).toEqual({ k: "int", v: "2" });
    expect(keys[2]).toMatchObject({ k: "list", tag: "tuple" });
    expect(keys[3]).toEqual({ k: "str", v: "__proto__" });
    expect(Object.getPrototypeOf(d)).toBe(Object.prototype);
  });

  it("shows a cycle once: the list has an id and holds a ref to it", () => {
    const t = tree(byName("recursive_list/p2")).tree;
    expect(t).toEqual({ k: "list", id: 1, items: [{ k: "ref", id: 1, cls: "list" }] });
  });

  it("never expands exponential sharing twice (2^40 paths, a few dozen nodes)", () => {
    const { tree: t, budget } = tree(byName("shared/p4"));
    expect(budget.cut).toBeUndefined();
    expect(JSON.stringify(t).length).toBeLessThan(5000);
  });

  it("renders hostile calls as inert nodes naming them, and says so in the summary", async () => {
    const d = await decodeBytes(byName("os_system/p0"), { format: "pickle" });
    expect(d?.text).toBe("os.system('rm -rf /')");
    expect(d?.tree).toEqual({
      k: "object",
      cls: "os.system",
      args: [{ k: "str", v: "rm -rf /" }],
    });
    expect(d?.summary).toBe("pickle 0 · a call to os.system (never run)");
  });

  it("makes Django's model instances and responses readable", async () => {
    const m = tree(byName("model/p4")).tree;
    expect(m.k === "object" && m.fields?.map(([k]) => k)).toEqual([
      "id",
      "username",
      "_django_version",
    ]);
    const r = await decodeBytes(byName("response_404_old/p2"), { format: "pickle" });
    expect(r?.summary).toBe("pickle 2 · django.http.HttpResponseNotFound 404");
  });

  it("cuts a long list at the node limit and says how many more", () => {
    const n = 30_000;
    const body = [
      0x80,
      0x04,
      0x5d,
      0x28,
      ...Array.from({ length: n }, () => [0x4b, 7]).flat(),
      0x65,
      0x2e,
    ];
    const { tree: t, budget } = tree(Uint8Array.from(body));
    expect(budget.cut).toMatch(/more than 20000 nodes/);
    expect(t.k === "list" && t.items.length + (t.more ?? 0)).toBe(n);
  });

  it("cuts deep nesting at the depth limit", () => {
    const body = [0x80, 0x04, ...Array(200).fill(0x5d), ...Array(199).fill(0x61), 0x2e];
    const { tree: t, budget } = tree(Uint8Array.from(body));
    expect(budget.cut).toMatch(/nested deeper than 64/);
    expect(JSON.stringify(t)).toContain('"k":"cut"');
  });

  it("detects only protocol 2-5 headers that end with STOP", () => {
    expect(detectPickle(Uint8Array.from([0x80, 0x04, 0x4e, 0x2e]))).toBe(true);
    expect(detectPickle(Uint8Array.from([0x80, 0x06, 0x4e, 0x2e]))).toBe(false);
    expect(detectPickle(Uint8Array.from([0x80, 0x01, 0x4e, 0x2e]))).toBe(false);
    expect(detectPickle(Uint8Array.from([0x80, 0x04, 0x4e]))).toBe(false);
    expect(detectPickle(Buffer.from("N."))).toBe(false);
  });
});

describe("Django 5.2's own pickles (fixtures/python-apps.json)", () => {
  type Entry = { db: number; key: string; type: string; value: string; mustShow: string[] };
  const apps = JSON.parse(
    readFileSync(new URL("../../../fixtures/python-apps.json", import.meta.url), "utf8"),
  ) as { keys: Entry[] };
  // Compressed ones (zlib, gzip, lz4, xz, zstd) reach this decoder through the decompressors.
  const pickles = apps.keys.filter(
    (e) =>
      [0, 1, 3].includes(e.db) && e.type === "string" && Buffer.from(e.value, "base64")[0] === 0x80,
  );

  it("has pickles to check", () => expect(pickles.length).toBeGreaterThanOrEqual(12));

  it.each(
    pickles.map((e) => [Buffer.from(e.key, "base64").toString("latin1").slice(0, 60), e] as const),
  )("%s shows what it must", async (_, e) => {
    const d = await decodeBytes(Buffer.from(e.value, "base64"), "auto");
    expect(d?.format).toBe("pickle");
    expect(d?.cut).toBeUndefined();
    for (const s of e.mustShow) expect(d?.text).toContain(s);
  });
});
