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

describe("every variable is checked at start-up", () => {
  it("refuses bad numbers, naming the variable and the value", () => {
    const cases: [string, string][] = [
      ["KEYSCOPE_MAX_BODY_BYTES", "abc"],
      ["KEYSCOPE_MAX_BODY_BYTES", "0"],
      ["KEYSCOPE_MAX_BODY_BYTES", "1.5"],
      ["KEYSCOPE_SCAN_BUDGET_MS", "-5"],
      ["KEYSCOPE_CONNECT_TIMEOUT_MS", "3s"],
      ["KEYSCOPE_SESSION_HOURS", "forever"],
      ["KEYSCOPE_SESSION_HOURS", "0"],
      ["PORT", "70000"],
      ["PORT", "http"],
    ];
    for (const [name, value] of cases) {
      expect(() => loadConfig({ [name]: value }), `${name}=${value}`).toThrow(
        new RegExp(`${name}="${value.replace(".", "\\.")}" must be a positive`),
      );
    }
  });

  it("refuses bad booleans instead of reading them as off", () => {
    for (const name of ["KEYSCOPE_READ_ONLY", "KEYSCOPE_INSECURE"]) {
      expect(() => loadConfig({ [name]: "maybe" }), name).toThrow(
        new RegExp(`${name}="maybe" must be 1/true/yes/on or 0/false/no/off`),
      );
    }
    expect(loadConfig({ KEYSCOPE_READ_ONLY: "ON" }).readOnly).toBe(true);
    expect(loadConfig({ KEYSCOPE_READ_ONLY: "off" }).readOnly).toBe(false);
  });

  it("reads KEYSCOPE_TRUST_PROXY as a hop count, 1/yes being one proxy", () => {
    expect(loadConfig({ KEYSCOPE_TRUST_PROXY: "yes" }).server.trustProxyHops).toBe(1);
    expect(loadConfig({ KEYSCOPE_TRUST_PROXY: "1" }).server.trustProxyHops).toBe(1);
    expect(loadConfig({ KEYSCOPE_TRUST_PROXY: "2" }).server.trustProxyHops).toBe(2);
    expect(loadConfig({ KEYSCOPE_TRUST_PROXY: "off" }).server.trustProxyHops).toBe(0);
    expect(loadConfig({}).server.trustProxyHops).toBe(0);
    for (const bad of ["maybe", "-1", "21", "10.0.0.1"]) {
      expect(() => loadConfig({ KEYSCOPE_TRUST_PROXY: bad }), bad).toThrow(
        /KEYSCOPE_TRUST_PROXY=.* must be a number of proxies from 0 to 20/,
      );
    }
  });

  it("refuses bad paths", () => {
    const aFile = file("not-a-dir", "x");
    expect(() => loadConfig({ KEYSCOPE_DATA_DIR: aFile })).toThrow(
      /KEYSCOPE_DATA_DIR=.* exists and is not a directory/,
    );
    expect(() => loadConfig({ KEYSCOPE_AUDIT_LOG: dir })).toThrow(
      /KEYSCOPE_AUDIT_LOG=.* is a directory, not a file/,
    );
    expect(() => loadConfig({ KEYSCOPE_DATA_DIR: "a\0b" })).toThrow(/KEYSCOPE_DATA_DIR.*NUL/);
  });

  it("names every bad variable at once", () => {
    expect(() => loadConfig({ PORT: "x", KEYSCOPE_INSECURE: "y" })).toThrow(
      /PORT="x".*; KEYSCOPE_INSECURE="y"/,
    );
  });

  it("reads the values and defaults of the rest", () => {
    const c = loadConfig({
      KEYSCOPE_MAX_BODY_BYTES: "1024",
      KEYSCOPE_SESSION_HOURS: "0.5",
      KEYSCOPE_PASSWORD: "pw ",
      KEYSCOPE_TOKEN: "",
      KEYSCOPE_DATA_DIR: join(dir, "data"),
    });
    expect(c.maxBodyBytes).toBe(1024);
    expect(c.auth).toEqual({ password: "pw ", token: null, secret: null, sessionTtlSeconds: 1800 });
    expect(c.dataDir).toBe(join(dir, "data"));
    expect(c.auditLog).toBe(join(dir, "data", "audit.log"));
    const d = loadConfig({});
    expect(d.maxBodyBytes).toBe(16 * 1024 * 1024);
    expect(d.scanBudgetMs).toBe(150);
    expect(d.dataDir).toBe(join(process.cwd(), "data"));
    expect(d.auditLog).toBe(join(process.cwd(), "data", "audit.log"));
    expect(d.server).toEqual({
      host: "127.0.0.1",
      port: 3000,
      insecure: false,
      trustProxyHops: 0,
      distDir: ".next",
      allowedHosts: [],
      apiFastPath: true,
    });
    expect(loadConfig({ KEYSCOPE_AUDIT_LOG: "/var/log/keyscope.log" }).auditLog).toBe(
      "/var/log/keyscope.log",
    );
  });
});
