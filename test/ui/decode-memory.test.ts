import { describe, expect, it } from "vitest";
import {
  choiceFor,
  decodeParamOf,
  EXACT_PREFIX,
  forget,
  isIdToken,
  MAX_RULES,
  parseRules,
  patternMatches,
  patternOf,
  type Rule,
  remember,
  ruleFor,
  serializeRules,
} from "@/components/viewers/decoded/memory";

// The decode choice remembered per key pattern (components/viewers/decoded/memory.ts).

const session = ":1:django.contrib.sessions.cache5t1v7mhcijurnavmofv5zlea3bt3yf68";
const page =
  ":1:views.decorators.cache.cache_page..GET.0869e56fd9f8426621502985cd316396.d41d8cd98f00b204e9800998ecf8427e.en-us.America/Chicago";

describe("patternOf", () => {
  it("makes the patterns a user means for framework keys", () => {
    expect(patternOf(session)).toBe(":1:django.contrib.sessions.cache*");
    expect(patternOf(":1:django.contrib.sessions.cached_dbabcdefghijklmnop0123456789abcd")).toBe(
      ":1:django.contrib.sessions.cached_db*",
    );
    expect(patternOf(page)).toBe(":1:views.decorators.cache.cache_page..GET.*");
    expect(patternOf("celery-task-meta-3dad9dd0-06e2-4541-884a-5448a74ecae0")).toBe(
      "celery-task-meta-*",
    );
    expect(patternOf("rq:job:3f2c9a1b7d")).toBe("rq:job:*");
    expect(patternOf("sess:Xk2j9QpL0aZrT7mN4bVc")).toBe("sess:*");
  });

  it("replaces an id segment in the middle and keeps what follows", () => {
    expect(patternOf("user:123:profile")).toBe("user:*:profile");
    expect(patternOf("bull:mail:1234:lock")).toBe("bull:mail:*:lock");
    expect(patternOf(":1:profile:7")).toBe(":1:profile:*");
  });

  it("keeps short numbers (versions, dbs) and falls back to the namespace", () => {
    expect(patternOf(":1:counter")).toBe(":1:*");
    expect(patternOf("app:config:json")).toBe("app:config:*");
    expect(patternOf("user:7:profile")).toBe("user:7:*");
    expect(patternOf("celery")).toBe("celery");
    expect(patternOf("_kombu.binding.celery")).toBe("_kombu.binding.celery");
  });

  it("uses an id the app names (GET …/key app parts)", () => {
    const app = { framework: "rq" as const, kind: "job", about: "An RQ job", jobId: "resize-now" };
    expect(patternOf("rq:job:resize-now", app)).toBe("rq:job:*");
    // Django's parts (lib/apps/django.ts): `key` is the key's whole rest, `sessionKey` the id.
    const session = {
      framework: "django" as const,
      kind: "session",
      about: "",
      prefix: "",
      version: 1,
      key: "django.contrib.sessions.cacheabcdef",
      sessionKey: "abcdef",
    };
    expect(patternOf(":1:django.contrib.sessions.cacheabcdef", session)).toBe(
      ":1:django.contrib.sessions.cache*",
    );
    const task = { framework: "celery" as const, kind: "result", about: "", taskId: "job-7777" };
    expect(patternOf("celery-task-meta-job-7777", task)).toBe("celery-task-meta-*");
    // A prefix part is not an id: it stays literal.
    const django = { framework: "django" as const, kind: "cache", about: "", prefix: "shop" };
    expect(patternOf("shop:1:menu", django)).toBe("shop:1:*");
  });

  it("escapes glob characters of the key and keeps binary keys exact", () => {
    expect(patternOf("we*ird:thing")).toBe("we\\*ird:*");
    expect(patternMatches("we\\*ird:*", "we*ird:other")).toBe(true);
    expect(patternMatches("we\\*ird:*", "weXXird:other")).toBe(false);
    const bin = { b64: Buffer.from([0xff, 0x3a, 0x01]).toString("base64") };
    expect(patternOf(bin)).toBe(`${EXACT_PREFIX}${bin.b64}`);
    expect(patternMatches(patternOf(bin), bin)).toBe(true);
    expect(patternMatches(patternOf(bin), { b64: "AAAA" })).toBe(false);
    expect(patternMatches(patternOf(bin), bin.b64)).toBe(false);
  });

  it("isIdToken: numbers, hashes and random tokens, not words", () => {
    for (const t of ["123", "0869e56fd9f84266", "5t1v7mhcijurnavmofv5zlea3bt3yf68"])
      expect(isIdToken(t)).toBe(true);
    for (const t of ["1", "42", "deadbeef", "cache_page", "America", "abcdefghijklmnopq"])
      expect(isIdToken(t)).toBe(false);
  });
});

describe("patternMatches", () => {
  it("matches the key it came from and its siblings, not other namespaces", () => {
    const p = patternOf(session);
    expect(patternMatches(p, session)).toBe(true);
    expect(patternMatches(p, ":1:django.contrib.sessions.cacheotherkey0123456789abcdefghij")).toBe(
      true,
    );
    expect(patternMatches(p, ":2:django.contrib.sessions.cacheotherkey")).toBe(false);
    expect(patternMatches(p, ":1:counter")).toBe(false);
    expect(patternMatches("user:*:profile", "user:9:profile")).toBe(true);
    expect(patternMatches("user:*:profile", "user:9:settings")).toBe(false);
    // The wildcard parts may not overlap: "a*a" needs two a's.
    expect(patternMatches("a*a", "a")).toBe(false);
    expect(patternMatches("a*a", "aa")).toBe(true);
    expect(patternMatches("celery", "celery")).toBe(true);
    expect(patternMatches("celery", "celery2")).toBe(false);
  });
});

describe("rules", () => {
  const pickle = { format: "pickle" as const };
  const zlibPickle = { compression: "zlib" as const, format: "pickle" as const };

  it("a choice saved for one key applies to another key of its pattern", () => {
    const rules = remember([], patternOf(session), zlibPickle, 1);
    expect(choiceFor(rules, ":1:django.contrib.sessions.cacheanother0123456789abcdefghij")).toEqual(
      zlibPickle,
    );
    expect(choiceFor(rules, ":1:counter")).toBe("auto");
    expect(decodeParamOf(choiceFor(rules, session))).toBe("zlib,pickle");
    expect(decodeParamOf("auto")).toBe("1");
    expect(decodeParamOf(pickle)).toBe("pickle");
  });

  it("the most specific pattern wins, then the newest", () => {
    let rules: Rule[] = remember([], ":1:*", { format: "text" }, 1);
    rules = remember(rules, patternOf(session), pickle, 2);
    expect(ruleFor(rules, session)?.choice).toEqual(pickle);
    expect(ruleFor(rules, ":1:counter")?.choice).toEqual({ format: "text" });
    rules = remember(rules, ":*:counter", { format: "json" }, 3);
    // ":*:counter" fixes 9 characters, ":1:*" 3.
    expect(ruleFor(rules, ":1:counter")?.choice).toEqual({ format: "json" });
  });

  it("saving a pattern again replaces it; reset forgets it", () => {
    let rules = remember([], "a:*", pickle, 1);
    rules = remember(rules, "a:*", zlibPickle, 2);
    expect(rules).toEqual([{ pattern: "a:*", choice: zlibPickle, at: 2 }]);
    rules = forget(rules, "a:*");
    expect(choiceFor(rules, "a:b")).toBe("auto");
  });

  it("keeps at most MAX_RULES, forgetting the oldest", () => {
    let rules: Rule[] = [];
    for (let i = 0; i < MAX_RULES + 5; i++) rules = remember(rules, `p${i}:*`, pickle, i);
    expect(rules).toHaveLength(MAX_RULES);
    expect(rules[0]?.pattern).toBe("p5:*");
    expect(ruleFor(rules, "p0:x")).toBeUndefined();
  });

  it("round-trips through storage text and ignores what is not ours", () => {
    const rules = remember([], "a:*", zlibPickle, 7);
    expect(parseRules(serializeRules(rules))).toEqual(rules);
    expect(parseRules(null)).toEqual([]);
    expect(parseRules("not json")).toEqual([]);
    expect(parseRules('{"v":2,"rules":[]}')).toEqual([]);
    expect(
      parseRules('{"v":1,"rules":[{"pattern":"a:*","choice":{"format":"eval"},"at":1}]}'),
    ).toEqual([]);
  });
});
