import { describe, expect, it } from "vitest";
import { quoteArg, splitArgs } from "./split-args";

// Expected values are what redis-cli 7.0.15 stored for the same lines (typed as `RPUSH t <line>`
// and read back with LRANGE --no-raw), so this parser splits exactly as redis-cli does.

const split = (line: string) => {
  const r = splitArgs(line);
  if (!r.ok) throw new Error(r.error);
  return r.args.map((a) => Buffer.from(a));
};
const latin = (s: string) => Buffer.from(s, "latin1");

describe("splitArgs (redis-cli's sdssplitargs)", () => {
  it("splits quotes and escapes as redis-cli does", () => {
    expect(split(`a "b c" 'd e' "\\x41\\xff\\n\\t\\\\\\"" 'it\\'s' x"y z"`)).toEqual([
      latin("a"),
      latin("b c"),
      latin("d e"),
      latin('A\xff\n\t\\"'),
      latin("it's"),
      latin("xy z"),
    ]);
    expect(split(`"" '' "\\xZZ" a\\x41`)).toEqual([
      latin(""),
      latin(""),
      latin("xZZ"),
      latin("a\\x41"),
    ]);
    expect(split(`'a\\\\nb' "\\q" "\\x4" é`)).toEqual([
      latin("a\\\\nb"),
      latin("q"),
      latin("x4"),
      Buffer.from([0xc3, 0xa9]),
    ]);
  });

  it("makes \\xff the byte 0xFF, not U+00FF", () => {
    expect(split(`"\\xff\\x00\\xfe"`)).toEqual([Buffer.from([0xff, 0x00, 0xfe])]);
    expect(split(`"\\xFF"`)).toEqual([Buffer.from([0xff])]);
  });

  it("errors as redis-cli does: unbalanced quotes, a closing quote glued to more text", () => {
    for (const bad of [`"a"b`, `"unterminated`, `'open`, `x"y z"w`, `'a'b`]) {
      expect(splitArgs(bad).ok, bad).toBe(false);
    }
  });

  it("skips surrounding whitespace and gives nothing for a blank line", () => {
    expect(split("  \t GET   k  ")).toEqual([latin("GET"), latin("k")]);
    expect(split("   ")).toEqual([]);
  });

  it("handles a long line in linear time", () => {
    const started = performance.now();
    const [one] = split(`"${"\\x41".repeat(250_000)}"`);
    expect(one?.length).toBe(250_000);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("quoteArg gives what splitArgs reads back", () => {
    const bytes = Buffer.from([0xff, 0x22, 0x5c, 0x0a, 0x41, 0x00]);
    expect(quoteArg(bytes)).toBe('"\\xff\\"\\\\\\nA\\x00"');
    expect(split(quoteArg(bytes))).toEqual([bytes]);
  });
});
