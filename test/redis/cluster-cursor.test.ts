import { describe, expect, it } from "vitest";
import {
  decodeClusterWalk,
  encodeClusterWalk,
  ownedPrint,
  slotSet,
  validParts,
  type WalkPart,
  walkShare,
  withNewParts,
} from "@/lib/redis/cluster-cursor";
import type { ClusterLayout, ClusterNode } from "@/lib/redis/cluster-layout";

// The cluster walk's cursor: one part per master walked at once, and what happens to the parts
// when the layout changes under them.

const id = (c: string) => c.repeat(40);
const master = (c: string, slots: [number, number][]): ClusterNode => ({
  id: id(c),
  addr: `127.0.0.1:${7000 + c.charCodeAt(0)}`,
  announced: "",
  role: "master",
  masterId: null,
  slots,
  linkState: "connected",
  failing: false,
  flags: ["master"],
});
const layoutOf = (masters: ClusterNode[]): ClusterLayout => ({
  nodes: masters,
  masters,
  owner: new Int16Array(16384),
  fetchedAt: 0,
  from: "",
});
const three = layoutOf([
  master("a", [[0, 5460]]),
  master("b", [[5461, 10922]]),
  master("c", [[10923, 16383]]),
]);

describe("cluster walk cursor", () => {
  it("starts one part per master and round-trips through its text", () => {
    const parts = withNewParts(three, [], slotSet(""));
    expect(parts.map((p) => p.node)).toEqual([id("a"), id("b"), id("c")]);
    const [a, , c] = parts as [WalkPart, WalkPart, WalkPart];
    const walk = { parts: [{ ...a, cursor: "123" }, c], done: "5461-10922" };
    const text = encodeClusterWalk(walk);
    expect(text).toMatch(/^c2\./);
    expect(decodeClusterWalk(text)).toEqual(walk);
    expect(encodeClusterWalk({ parts: [], done: "0-16383" })).toBe("0");
  });

  it("refuses cursors it did not give out", () => {
    const forged = (v: unknown) => `c2.${Buffer.from(JSON.stringify(v)).toString("base64url")}`;
    for (const bad of [
      "c1.whatever",
      "c2.%%%",
      forged([[], ""]),
      forged([[[id("a"), "x", "1.0123456789abcdef"]], ""]),
      forged([[[id("a"), "1", "1.0123456789abcdef"]], "0-1;"]),
    ])
      expect(() => decodeClusterWalk(bad), bad).toThrow(/not a cursor/);
  });

  it("drops the part of a master that failed over or changed slots, and adds the new owner's", () => {
    const parts = withNewParts(three, [], slotSet("")).map((p) => ({ ...p, cursor: "9" }));
    const after = layoutOf([
      master("a", [[0, 5460]]),
      master("d", [[5461, 10922]]), // b's replica took over
      master("c", [[10923, 16000]]), // c gave slots away…
      master("e", [[16001, 16383]]), // …to a new master
    ]);
    const kept = validParts(after, parts);
    expect(kept.map((p) => p.node)).toEqual([id("a")]);
    const next = withNewParts(after, kept, slotSet(""));
    expect(next.map((p) => [p.node, p.cursor])).toEqual([
      [id("a"), "9"],
      [id("d"), "0"],
      [id("c"), "0"],
      [id("e"), "0"],
    ]);
    // A master whose slots are all done gets no part.
    expect(withNewParts(after, [], slotSet("0-5460")).map((p) => p.node)).not.toContain(id("a"));
  });

  it("reports progress from the slots done and each part's own progress", () => {
    const owned = ownedPrint([[0, 8191]]);
    expect(owned).toMatch(/^8192\.[0-9a-f]{16}$/);
    const walk = { parts: [{ node: id("a"), cursor: "1", owned }], done: "8192-16383" };
    expect(walkShare(walk, () => 0.5)).toBeCloseTo(0.75, 5);
    expect(walkShare(walk, () => 1)).toBeLessThan(1);
  });
});
