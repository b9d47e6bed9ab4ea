import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "./config";

const dir = mkdtempSync(join(tmpdir(), "keyscope-config-"));
function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe("loadConfig", () => {
  it("makes REDIS_URL the default connection and adds the file's", () => {
    const conns = file(
      "ok.json",
      JSON.stringify([
        {
          id: "cache",
          name: "Cache",
          url: "rediss://user:pw@cache.internal:6380/2",
          readOnly: true,
        },
      ]),
    );
    const c = loadConfig({ REDIS_URL: "redis://127.0.0.1:7000", KEYSCOPE_CONNECTIONS: conns });
    expect(c.connections.map((x) => [x.id, x.readOnly])).toEqual([
      ["default", false],
      ["cache", true],
    ]);
    expect(loadConfig({}).connections[0]?.url).toBe("redis://127.0.0.1:6379");
  });

  it("refuses a bad connections file with a message that says what is wrong", () => {
    const cases: [string, RegExp][] = [
      ["{not json", /cannot read .* as JSON/],
      [JSON.stringify({ id: "x" }), /not a list/],
      [JSON.stringify([{ id: "a b", name: "x", url: "redis://h" }]), /ids are/],
      [JSON.stringify([{ id: "a", name: "x", url: "http://h" }]), /redis:\/\/ or rediss:\/\//],
      [
        JSON.stringify([
          { id: "a", name: "x", url: "redis://h" },
          { id: "a", name: "y", url: "redis://h" },
        ]),
        /twice/,
      ],
    ];
    for (const [i, [content, message]] of cases.entries()) {
      const p = file(`bad${i}.json`, content);
      expect(() => loadConfig({ KEYSCOPE_CONNECTIONS: p }), content).toThrow(message);
    }
    expect(() => loadConfig({ KEYSCOPE_CONNECTIONS: join(dir, "missing.json") })).toThrow(
      /KEYSCOPE_CONNECTIONS/,
    );
    expect(() => loadConfig({ REDIS_URL: "localhost:6379" })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ KEYSCOPE_COMMAND_TIMEOUT_MS: "soon" })).toThrow(
      /KEYSCOPE_COMMAND_TIMEOUT_MS/,
    );
  });
});
