import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next";

const origin = "http://127.0.0.1:3000";

describe("safeNext (where the login page goes after logging in)", () => {
  it("keeps same-origin paths with their query and hash", () => {
    expect(safeNext("/c/default/db/0?match=app:*", origin)).toBe("/c/default/db/0?match=app:*");
    expect(safeNext("/audit#top", origin)).toBe("/audit#top");
    expect(safeNext("/c/a/../b", origin)).toBe("/c/b");
  });

  it("sends everything that could leave the site to /", () => {
    for (const next of [
      null,
      "",
      "//evil.example/x",
      "/\\evil.example/x", // browsers read \ as / in http URLs: //evil.example
      "\\/evil.example/x",
      "/\t/evil.example/x", // the URL parser drops tabs and newlines: //evil.example
      "/\n/evil.example/x",
      "/\r/evil.example",
      "/%09/evil.example/x".replace("%09", "\t"),
      "/\u0000/evil.example",
      " //evil.example",
      "https://evil.example/x",
      "http://127.0.0.1:3001/x", // another port is another origin
      "javascript:alert(1)",
      "evil.example/x",
      "/.//evil.example", // resolves to the path //evil.example: protocol-relative again
      "/a/..//evil.example",
    ]) {
      expect(safeNext(next, origin), JSON.stringify(next)).toBe("/");
    }
  });
});
