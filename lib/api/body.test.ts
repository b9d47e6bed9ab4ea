import { describe, expect, it } from "vitest";
import { nestingDepth } from "./body";

const depth = (text: string, stop?: number) => nestingDepth(Buffer.from(text), stop);

describe("nestingDepth", () => {
  it("counts arrays and objects, not what is inside strings", () => {
    expect(depth('{"a":1}')).toBe(1);
    expect(depth('{"a":[{"b":[]}]}')).toBe(4);
    expect(depth('"[[[["')).toBe(0);
    expect(depth('["\\"[[[", ["x"]]')).toBe(2); // an escaped quote does not end the string
    expect(depth('["\\\\", ["x"]]')).toBe(2); // an escaped backslash does
    expect(depth('{"k":"é[ü{"}')).toBe(1); // UTF-8 bytes never look like brackets
    expect(depth("[[[]][[[]]]]")).toBe(4);
  });

  it("stops counting past the bound, so a 5M-deep nest costs nothing", () => {
    const t = performance.now();
    expect(depth("[".repeat(5_000_000), 64)).toBe(65);
    expect(performance.now() - t).toBeLessThan(50);
  });

  it("skips a 15 MB string quickly", () => {
    const text = `{"value":"${"x".repeat(15_000_000)}"}`;
    const t = performance.now();
    expect(depth(text, 64)).toBe(1);
    expect(performance.now() - t).toBeLessThan(200);
  });
});
