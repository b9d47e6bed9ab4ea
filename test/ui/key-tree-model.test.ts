import { describe, expect, it } from "vitest";
import { buildTree, flattenTree } from "@/components/browser/key-tree-model";

// Django's keys start with an empty prefix (":1:<key>"): their folders must not share a path
// (what opens a folder) with a top-level namespace of the same name ("1:<key>").
const row = (key: string) => ({ key, type: "string", ttl: -1 }) as never;

describe("key tree", () => {
  it("keeps the empty-prefix namespace apart from a top-level one of the same name", () => {
    const tree = buildTree([row(":1:a"), row(":1:b"), row("1:c")], ":");
    const empty = tree.folders.get("");
    expect(empty?.folders.get("1")?.path).toBe(":1");
    expect(tree.folders.get("1")?.path).toBe("1");
    const lines = flattenTree(tree, new Set(["", ":1"]), ":");
    const keys = lines.filter((l) => l.kind === "key").map((l) => l.kind === "key" && l.depth);
    expect(keys).toEqual([2, 2]); // "1:c" stays closed; both Django keys under ""/"1"
  });
});
