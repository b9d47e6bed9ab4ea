import { describe, expect, it } from "vitest";
import { MATCH_LIMITS, matchProblem, matchShape } from "./match";

const b = (s: string) => Buffer.from(s, "latin1");

describe("matchShape", () => {
  it("counts wildcards as Redis's matcher reads them", () => {
    expect(matchShape(b("user:*"))).toEqual({ stars: 1, singles: 0, tail: 0 });
    expect(matchShape(b("user:**"))).toEqual({ stars: 1, singles: 0, tail: 0 });
    expect(matchShape(b("a?b[cd]"))).toEqual({ stars: 0, singles: 2, tail: 0 });
    // Escaped wildcards are literals; a `]` or `*` inside a class is part of it.
    expect(matchShape(b("\\*\\?\\["))).toEqual({ stars: 0, singles: 0, tail: 0 });
    expect(matchShape(b("[*\\]?]"))).toEqual({ stars: 0, singles: 1, tail: 0 });
    // After the first star everything weighs: 3 literals, a `?`, a class of 5 bytes (1 + 2.5).
    expect(matchShape(b("*abc?[a-z]"))).toEqual({ stars: 1, singles: 2, tail: 7.5 });
    expect(matchShape(b("*a*b"))).toEqual({ stars: 2, singles: 0, tail: 3 });
    // An unclosed class runs to the end, as in Redis.
    expect(matchShape(b("x[abc"))).toEqual({ stars: 0, singles: 1, tail: 0 });
  });

  it("reads bytes that are not UTF-8", () => {
    expect(matchShape(Buffer.from([0xff, 0x2a, 0xfe, 0x3f]))).toEqual({
      stars: 1,
      singles: 1,
      tail: 2,
    });
  });
});

describe("matchProblem", () => {
  it("accepts patterns within the limits", () => {
    expect(matchProblem(b("user:*"))).toBeNull();
    expect(matchProblem(b(`*${"?".repeat(MATCH_LIMITS.maxSingles)}`))).toBeNull();
    expect(matchProblem(b("*a".repeat(MATCH_LIMITS.maxStars)))).toBeNull();
    expect(matchProblem(b("k".repeat(MATCH_LIMITS.maxBytes)))).toBeNull();
  });

  it("refuses longer patterns and more wildcards, saying the limits", () => {
    expect(matchProblem(b("k".repeat(MATCH_LIMITS.maxBytes + 1)))).toMatch(
      /^the pattern is 1025 bytes; at most 1024 bytes, 16 `\*` and 64 `\?` or `\[…\]`/,
    );
    expect(matchProblem(b(`*${"?".repeat(4094)}b`))).toMatch(/1024 bytes/);
    expect(matchProblem(b("*a".repeat(17)))).toMatch(/^the pattern has 17 `\*` and 0/);
    expect(matchProblem(b("[a]".repeat(65)))).toMatch(/has 0 `\*` and 65/);
  });
});
