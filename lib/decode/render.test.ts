import { describe, expect, it } from "vitest";
import { parseJsonText } from "./json";
import { Budget, bytesNode, DEFAULT_LIMITS, type DNode, float, int, nul, str } from "./node";
import { renderText, toJsonText } from "./render";

const map = (...entries: [DNode, DNode][]): DNode => ({ k: "map", entries });
const list = (items: DNode[], tag?: "tuple" | "set" | "frozenset"): DNode => ({
  k: "list",
  items,
  tag,
});

describe("renderText", () => {
  it("writes Python's repr for the python style", () => {
    const tree = map(
      [str("a"), list([int(1)], "tuple")],
      [str("it's"), bytesNode(new Uint8Array([0x00, 0x41, 0xff]))],
      [int(2), list([], "set")],
      [str("f"), float(3)],
      [str("n"), nul],
      [str("t"), { k: "bool", v: true }],
    );
    expect(renderText(tree, "python").text).toBe(
      `{'a': (1,), "it's": b'\\x00A\\xff', 2: set(), 'f': 3.0, 'n': None, 't': True}`,
    );
  });

  it("writes JSON-like text for the json style, breaking long containers over lines", () => {
    const tree = list(Array.from({ length: 30 }, (_, i) => str(`item-${i}`)));
    const { text } = renderText(tree, "json");
    expect(text.split("\n")).toHaveLength(32);
    expect(text.split("\n")[1]).toBe('  "item-0",');
  });

  it("names inert objects and references", () => {
    const obj: DNode = { k: "object", cls: "os.system", args: [str("rm -rf /")] };
    expect(renderText(obj, "python").text).toBe("os.system('rm -rf /')");
    expect(renderText({ k: "ref", id: 3, cls: "list" }, "python").text).toBe("<ref #3 list>");
  });

  it("stops at the cap and says so", () => {
    const tree = list(Array.from({ length: 10_000 }, (_, i) => str(`value number ${i}`)));
    const out = renderText(tree, "json", 1000);
    expect(out.cut).toBe(true);
    expect(out.text.length).toBeLessThanOrEqual(1001);
    expect(out.text.endsWith("…")).toBe(true);
  });
});

describe("toJsonText", () => {
  it("keeps __proto__ as a plain key, big ints as strings, bytes as text or base64", () => {
    const tree = map(
      [str("__proto__"), map([str("polluted"), { k: "bool", v: true }])],
      [str("big"), int("123456789012345678901234567890")],
      [str("small"), int(7)],
      [str("text"), bytesNode(new TextEncoder().encode("hé"))],
      [str("bin"), bytesNode(new Uint8Array([0xff]))],
    );
    const parsed = JSON.parse(toJsonText(tree, "json"));
    expect(Object.keys(parsed)).toEqual(["__proto__", "big", "small", "text", "bin"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(parsed.big).toBe("123456789012345678901234567890");
    expect(parsed.small).toBe(7);
    expect(parsed.text).toBe("hé");
    expect(parsed.bin).toEqual({ $base64: "/w==" });
  });
});

describe("toJsonText references", () => {
  it("gives a shared list the id its references name", () => {
    const shared: DNode = { k: "list", items: [int(1)], id: 4 };
    const parsed = JSON.parse(toJsonText(list([shared, { k: "ref", id: 4 }]), "python"));
    expect(parsed).toEqual([{ $id: 4, $items: [1] }, { $ref: 4 }]);
  });
});

describe("parseJsonText", () => {
  it("keeps integers exact and cuts past the node budget", () => {
    const exact = parseJsonText("[9007199254740993, 1.5e3, -0]", new Budget());
    expect(exact).toMatchObject({
      items: [
        { k: "int", v: "9007199254740993" },
        { k: "float", v: 1500 },
        { k: "int", v: "-0" },
      ],
    });
    const budget = new Budget({ ...DEFAULT_LIMITS, nodes: 10 });
    const big = parseJsonText(JSON.stringify(Array.from({ length: 100 }, (_, i) => [i])), budget);
    expect(budget.cut).toMatch(/more than 10 nodes/);
    expect(big.k).toBe("list");
  });

  it("refuses what is not one JSON document", () => {
    for (const bad of ["{", "[1,]", '{"a" 1}', "[1] x", '"\\q"', "[\u0001]"])
      expect(() => parseJsonText(bad, new Budget())).toThrow(/not JSON/);
  });
});
