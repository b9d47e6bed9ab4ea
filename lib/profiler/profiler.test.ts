import { describe, expect, it } from "vitest";
import { compileGlob, globMatch } from "@/lib/glob";
import { firstKey } from "./filter";
import { parseMonitorLine } from "./line";
import { keyPrefix, MAX_DISTINCT, SummaryCounter } from "./summary";

const b = (s: string) => Buffer.from(s, "latin1");
const glob = (p: string, t: string) => globMatch(compileGlob(b(p)), b(t));

describe("parseMonitorLine", () => {
  it("reads time, db, client and unescaped arguments", () => {
    const line = parseMonitorLine(
      b('1700000000.123456 [3 [::1]:6379] "SET" "\\xff\\x00k" "a\\"b\\\\\\n\\r\\t\\a\\b"'),
    );
    expect(line?.time).toBeCloseTo(1700000000123.456, 2);
    expect(line?.db).toBe(3);
    expect(line?.client).toBe("[::1]:6379");
    expect(line?.args.map((a) => Buffer.from(a))).toEqual([
      b("SET"),
      Buffer.from([0xff, 0x00, 0x6b]),
      b('a"b\\\n\r\t\x07\x08'),
    ]);
    expect(Buffer.from(line?.printed ?? []).toString()).toBe(
      '"SET" "\\xff\\x00k" "a\\"b\\\\\\n\\r\\t\\a\\b"',
    );
    expect(parseMonitorLine(b('1.5 [0 lua] "get" "k"'))?.client).toBe("lua");
    expect(parseMonitorLine(b("OK"))).toBeNull();
  });
});

describe("globMatch", () => {
  it("follows Redis's glob rules", () => {
    expect(glob("user:*", "user:1")).toBe(true);
    expect(glob("user:*", "users")).toBe(false);
    expect(glob("h?llo", "hello")).toBe(true);
    expect(glob("h[ae]llo", "hallo")).toBe(true);
    expect(glob("h[^e]llo", "hello")).toBe(false);
    expect(glob("h[a-b]llo", "hbllo")).toBe(true);
    expect(glob("a\\*b", "a*b")).toBe(true);
    expect(glob("a\\*b", "axb")).toBe(false);
    expect(glob("*a*b*c*", "xxaxxbxxcxx")).toBe(true);
    expect(glob("*a*b*c", "xxaxxbxxcxxd")).toBe(false);
    expect(glob('"SET" "order:*', '"SET" "order:2" "b"')).toBe(true);
  });

  it("stays linear on patterns that blow up a backtracking matcher", () => {
    const text = b("a".repeat(60_000));
    const started = performance.now();
    expect(globMatch(compileGlob(b(`${"*a".repeat(16)}b`)), text)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("firstKey and the summary", () => {
  it("finds the first key of common command shapes", () => {
    const key = (...args: string[]) => {
      const k = firstKey(args.map(b));
      return k ? Buffer.from(k).toString() : null;
    };
    expect(key("get", "k")).toBe("k");
    expect(key("ping")).toBeNull();
    expect(key("eval", "return 1", "1", "k")).toBe("k");
    expect(key("eval", "return 1", "0")).toBeNull();
    expect(key("xread", "COUNT", "1", "streams", "s", "0")).toBe("s");
    expect(key("object", "encoding", "k")).toBe("k");
    expect(key("memory", "usage", "k")).toBe("k");
    expect(key("zunion", "2", "a", "b")).toBe("a");
    expect(Buffer.from(keyPrefix(b("user:42:name"))).toString()).toBe("user:42:");
    expect(Buffer.from(keyPrefix(b("flat"))).toString()).toBe("flat");
  });

  it("keeps at most MAX_DISTINCT counters and counts the rest as other", () => {
    const s = new SummaryCounter();
    for (let i = 0; i < MAX_DISTINCT + 5; i++) s.add({ args: [b("get"), b(`k${i}`)], client: "c" });
    const r = s.result(1, 0);
    expect(r.matched).toBe(MAX_DISTINCT + 5);
    expect(r.other.prefixes).toBe(5);
    expect(r.topPrefixes).toHaveLength(10);
    expect(r.topCommands).toEqual([{ command: "GET", count: MAX_DISTINCT + 5 }]);
  });

  it("counts per node on a cluster, and has no node list on one server", () => {
    const s = new SummaryCounter();
    for (const [node, matched] of [
      ["n1:1", true],
      ["n1:1", false],
      ["n2:2", true],
    ] as const) {
      s.sawOn(node);
      if (matched) s.add({ args: [b("get"), b("k")], client: "c" }, node);
    }
    expect(s.result(1, 0).nodes).toEqual([
      { node: "n1:1", seen: 2, matched: 1 },
      { node: "n2:2", seen: 1, matched: 1 },
    ]);
    const one = new SummaryCounter();
    one.add({ args: [b("get"), b("k")], client: "c" });
    expect(one.result(1, 0).nodes).toBeUndefined();
  });
});
