import { describe, expect, it } from "vitest";
import { globMatches as globMatch } from "@/lib/glob";

// Cases from Redis's own util.c tests (stringmatchlen) and the classes the key filter allows.
const b = (s: string) => Buffer.from(s, "latin1");

describe("globMatch as Redis's stringmatchlen", () => {
  it.each([
    ["*", "", true],
    ["*", "anything", true],
    ["user:*", "user:1", true],
    ["user:*", "order:1", false],
    ["h?llo", "hello", true],
    ["h?llo", "hllo", false],
    ["h*llo", "heeeello", true],
    ["h[ae]llo", "hallo", true],
    ["h[ae]llo", "hillo", false],
    ["h[^e]llo", "hallo", true],
    ["h[^e]llo", "hello", false],
    ["h[a-b]llo", "hbllo", true],
    ["h[b-a]llo", "hallo", true],
    ["a\\*b", "a*b", true],
    ["a\\*b", "axb", false],
    ["*a*b*", "xxaxxbxx", true],
    ["*a*b", "xxaxxbxx", false],
    ["a[", "a[", false],
    ["\xff*", "\xff\x00", true],
    ["\xff*", "\xfe", false],
  ])("%j against %j: %s", (p, s, want) => {
    expect(globMatch(b(p), b(s))).toBe(want);
  });
});
