import { describe, expect, test } from "vitest";
import { isIdLike, NamespaceTree } from "./namespaces";

const id = (s: string) => isIdLike(Buffer.from(s), 0, s.length);

describe("isIdLike", () => {
  test("digits, uuids and long hex are ids; words and short hex are not", () => {
    expect(id("12345")).toBe(true);
    expect(id("550e8400-e29b-41d4-a716-446655440000")).toBe(true);
    expect(id("deadbeefdeadbeef")).toBe(true);
    expect(id("deadbeefdeadbee")).toBe(false);
    expect(id("cafe")).toBe(false);
    expect(id("user")).toBe(false);
    expect(id("v2")).toBe(false);
    expect(id("")).toBe(false);
  });
});

describe("NamespaceTree pruning", () => {
  test("folding into (other) keeps every parent's totals exact", () => {
    const tree = new NamespaceTree(":", 200);
    let expectedMemory = 0;
    // 5,000 distinct word namespaces under two parents: far more than 200 live nodes.
    const word = (i: number) =>
      i.toString(36).replace(/[0-9]/g, (d) => "ghijklmnop"[Number(d)] as string);
    for (let i = 0; i < 5_000; i++) {
      const parent = i % 5 === 0 ? "big" : "small";
      const memory = parent === "big" ? 1000 : 10 + (i % 13);
      expectedMemory += memory;
      tree.add(Buffer.from(`${parent}:${word(i)}:leaf`), memory, i % 2 === 0, false);
    }
    expect(tree.prunes).toBeGreaterThan(0);
    const rows = tree.rows(10_000);
    const total = (prefix: string, depth: number, other = false) =>
      rows.find((r) => r.prefix.toString() === prefix && r.depth === depth && r.other === other);
    // The depth-1 rows plus the root's (other) row hold every key exactly.
    const depth1 = rows.filter((r) => r.depth === 1);
    expect(depth1.reduce((s, r) => s + r.keys, 0)).toBe(5_000);
    expect(depth1.reduce((s, r) => s + r.memoryBytes, 0)).toBe(expectedMemory);
    expect(depth1.reduce((s, r) => s + r.noTtlKeys, 0)).toBe(2_500);
    // Each parent: Σ children + its (other) row = the parent.
    for (const parent of ["big", "small"]) {
      const p = total(parent, 1);
      if (p === undefined) continue; // folded whole into the root's (other)
      const children = rows.filter(
        (r) => r.depth === 2 && r.prefix.toString().startsWith(`${parent}:`),
      );
      expect(children.some((r) => r.other)).toBe(true);
      expect(children.reduce((s, r) => s + r.keys, 0)).toBe(p.keys);
      expect(children.reduce((s, r) => s + r.memoryBytes, 0)).toBe(p.memoryBytes);
      expect(children.reduce((s, r) => s + r.noTtlKeys, 0)).toBe(p.noTtlKeys);
    }
    // The heaviest parent survives: 1,000 keys of 1000 B.
    expect(total("big", 1)).toMatchObject({ keys: 1_000, memoryBytes: 1_000_000 });
  });

  test("the row limit folds the smallest rows into their parent's (other) row", () => {
    const tree = new NamespaceTree(":");
    for (let i = 0; i < 50; i++)
      tree.add(
        Buffer.from(`a:n${String.fromCharCode(97 + (i % 26))}${i >= 26 ? "x" : ""}:k`),
        10 + i,
        true,
        false,
      );
    tree.add(Buffer.from("b:k"), 5, false, false);
    const rows = tree.rows(10);
    expect(rows.length).toBeLessThanOrEqual(10);
    const a = rows.find((r) => r.prefix.toString() === "a" && r.depth === 1);
    const underA = rows.filter((r) => r.depth === 2);
    expect(underA.reduce((s, r) => s + r.memoryBytes, 0)).toBe(a?.memoryBytes);
    const other = underA.find((r) => r.other);
    expect(other?.prefix.toString()).toBe("a:(other)");
    // The biggest children are the ones listed.
    const listed = underA.filter((r) => !r.other).map((r) => r.memoryBytes);
    expect(Math.min(...listed)).toBeGreaterThan(50);
  });

  test("a prefix is written without its trailing delimiter, binary-exact", () => {
    const tree = new NamespaceTree(":");
    tree.add(Buffer.from([0x80, 0x3a, 0xff, 0x3a, 0x00]), 1, true, false);
    expect(tree.rows(10).map((r) => [...r.prefix])).toEqual([[0x80], [0x80, 0x3a, 0xff]]);
  });
});
