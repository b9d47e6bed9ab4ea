import { describe, expect, it } from "vitest";
import { prettyJson } from "./json-pretty";

describe("prettyJson", () => {
  it("keeps big integers and long decimals exact", () => {
    const out = prettyJson(
      '{"id":12345678901234567890,"x":1.000000000000000001,"s":"a,b:{c}","e":[],"o":{}}',
    );
    expect(out).toBe(
      '{\n  "id": 12345678901234567890,\n  "x": 1.000000000000000001,\n  "s": "a,b:{c}",\n  "e": [],\n  "o": {}\n}',
    );
  });
  it("handles escaped quotes and nesting", () => {
    expect(prettyJson('[{"a":"q\\"uote"},[1,2]]')).toBe(
      '[\n  {\n    "a": "q\\"uote"\n  },\n  [\n    1,\n    2\n  ]\n]',
    );
  });
  it("refuses what is not JSON or is a scalar", () => {
    expect(prettyJson("{nope")).toBeNull();
    expect(prettyJson("42")).toBeNull();
    expect(prettyJson("plain text")).toBeNull();
  });
});
