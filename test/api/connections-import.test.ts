import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { config, resetConfigForTests } from "@/lib/config";
import { call, send, withRedisServer } from "../harness";
import * as r from "../routes";

// Connection files of other tools (test/fixtures/connections: written after the formats their
// code reads and writes) and Keyscope's own export, round trip.

withRedisServer();
const FIXTURES = join(__dirname, "../fixtures/connections");
const fixture = (name: string) => readFileSync(join(FIXTURES, name), "utf8");

type Summary = Record<string, unknown> & { id: string; name: string; source: string };
const saved = async (): Promise<Summary[]> =>
  (await call(r.connections.GET)).json.connections.filter((c: Summary) => c.source === "saved");
const byName = async (name: string) => (await saved()).find((c) => c.name === name);

async function exportFile(passwords: boolean) {
  const res = await send(r.connectionsExport.GET, { query: passwords ? { passwords: "1" } : {} });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-disposition")).toMatch(
    /attachment; filename="keyscope-connections-/,
  );
  return JSON.parse(await res.text());
}

beforeEach(async () => {
  resetConfigForTests();
  for (const c of await saved()) await call(r.connection.DELETE, { params: { conn: c.id } });
});

describe("importing connection files", () => {
  it("maps RedisInsight's export: names, credentials, TLS, its cluster entry", async () => {
    const { status, json } = await call(r.connectionsImport.POST, {
      body: { content: fixture("redisinsight.json") },
    });
    expect(status).toBe(200);
    expect(json.format).toBe("redisinsight");
    expect(json.results.map((x: { name: string; ok: boolean }) => [x.name, x.ok])).toEqual([
      ["RI staging", true],
      ["RI cluster", true],
      ["redis.local:6379", true],
    ]);
    expect(await byName("RI cluster")).toMatchObject({
      mode: "cluster",
      seeds: ["10.0.0.9:7000"],
      databases: 1,
    });
    expect(await byName("RI staging")).toMatchObject({
      host: "10.0.0.5",
      port: 6380,
      username: "app",
      hasPassword: true,
      tls: true,
    });
    expect(await byName("redis.local:6379")).toMatchObject({ port: 6379, hasPassword: false });
    const file = await exportFile(true);
    const staging = file.connections.find((c: { name: string }) => c.name === "RI staging");
    expect(staging).toMatchObject({
      password: "ri-staging-pass",
      tls: { servername: "redis.staging.internal", rejectUnauthorized: false },
    });
    expect(staging.tls.ca).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it("reads ARDM's base64 connections.ano: auth, read-only, its sentinel entry; says why file paths are not taken", async () => {
    const { json } = await call(r.connectionsImport.POST, {
      body: { content: fixture("ardm-connections.ano") },
    });
    expect(json.format).toBe("ardm");
    const [local, sentinel, ssl] = json.results;
    expect(local).toMatchObject({ name: "ARDM local", ok: true });
    expect(sentinel).toMatchObject({ name: "ARDM sentinel", ok: true });
    // ARDM's nodePassword is the master's; its `auth` (empty here) the sentinels'.
    expect(await byName("ARDM sentinel")).toMatchObject({
      mode: "sentinel",
      sentinels: ["10.1.1.1:26379"],
      masterName: "mymaster",
      hasPassword: true,
      hasSentinelPassword: false,
    });
    expect(ssl).toMatchObject({ name: "ARDM ssl", ok: false });
    expect(ssl.error).toMatch(/file on the exporting machine/);
    expect(await byName("ARDM local")).toMatchObject({
      host: "127.0.0.1",
      port: 6379,
      readOnly: true,
      hasPassword: true,
    });
    expect((await byName("ARDM local"))?.username).toBeUndefined();
  });

  it("reads Tiny RDM's entries as JSON (groups flattened) and its connections.yaml", async () => {
    const { json } = await call(r.connectionsImport.POST, {
      body: { content: fixture("tinyrdm.json") },
    });
    expect(json.format).toBe("tinyrdm");
    expect(json.results.map((x: { name: string; ok: boolean }) => [x.name, x.ok])).toEqual([
      ["tiny local", true],
      ["tiny ssh", false],
      ["tiny tls", true],
    ]);
    expect(await byName("tiny local")).toMatchObject({
      host: "127.0.0.1",
      port: 6390,
      hasPassword: true,
      tls: false,
    });
    expect((await byName("tiny local"))?.color).toBeUndefined(); // a hex colour has no match
    expect(await byName("tiny tls")).toMatchObject({ tls: true });
    await call(r.connection.DELETE, { params: { conn: String((await byName("tiny local"))?.id) } });
    const yaml = await call(r.connectionsImport.POST, {
      body: { content: fixture("tinyrdm-connections.yaml") },
    });
    expect(yaml.status).toBe(200);
    expect(yaml.json.format).toBe("tinyrdm");
    expect(await byName("tiny local")).toMatchObject({ port: 6390, hasPassword: true });
    // A YAML alias bomb is refused, not expanded; broken YAML is 400 with the parser's reason.
    const laughs = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 0; i < 60; i++)
      laughs.push(`a${i}: &a${i} [*a${i === 0 ? "" : i - 1}, *a${i === 0 ? "" : i - 1}]`);
    for (const content of [laughs.join("\n"), "- name: x\n  port: [unclosed"]) {
      const res = await call(r.connectionsImport.POST, { body: { content } });
      expect(res.status, content.slice(0, 40)).toBe(400);
      expect(res.json.error.message).toMatch(/YAML does not parse/);
    }
  });

  it("refuses files that are not connection files, saving nothing", async () => {
    for (const content of ["not json at all {", "[]", '{"a":1}', "W10="]) {
      const res = await call(r.connectionsImport.POST, { body: { content } });
      expect(res.status, content).toBe(400);
    }
    const tooMany = JSON.stringify(
      Array.from({ length: 501 }, (_, i) => ({ name: `n${i}`, host: "h" })),
    );
    expect((await call(r.connectionsImport.POST, { body: { content: tooMany } })).status).toBe(400);
    expect(await saved()).toEqual([]);
  });

  it("names an entry whose port is not a number instead of taking the default port", async () => {
    const content = JSON.stringify([{ name: "odd port", host: "127.0.0.1", port: "not a port" }]);
    const res = await call(r.connectionsImport.POST, { body: { content } });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.json)).toMatch(/port is not a number/);
    expect(await saved()).toEqual([]);
  });
});

describe("Keyscope's connections file", () => {
  it("leaves passwords and TLS keys out unless asked; asking is audited; the file imports back the same", async () => {
    await call(r.connections.POST, {
      body: {
        name: "exported",
        host: "127.0.0.1",
        port: 6390,
        username: "u",
        password: "export-secret-42",
        tls: {
          cert: "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n",
          key: "-----BEGIN PRIVATE KEY-----\nSECRETKEY\n-----END PRIVATE KEY-----\n",
        },
        databases: 4,
        readOnly: true,
        production: true,
        color: "purple",
      },
    });
    await call(r.connections.POST, { body: { name: "plain", url: "redis://10.9.9.9:6379" } });
    const plain = await exportFile(false);
    expect(plain).toMatchObject({ format: "keyscope-connections", version: 1, passwords: false });
    expect(JSON.stringify(plain)).not.toContain("export-secret-42");
    expect(JSON.stringify(plain)).not.toContain("SECRETKEY");
    const log = () => readFileSync(config().auditLog, "utf8");
    const exportsLogged = () => log().split("connection export with passwords").length - 1;
    const logged = exportsLogged();
    await exportFile(false);
    expect(exportsLogged()).toBe(logged);
    const full = await exportFile(true);
    expect(JSON.stringify(full)).toContain("export-secret-42");
    expect(JSON.stringify(full)).toContain("SECRETKEY");
    expect(exportsLogged()).toBe(logged + 1);
    expect(log()).not.toContain("export-secret-42");

    const before = await saved();
    for (const c of before) await call(r.connection.DELETE, { params: { conn: c.id } });
    const back = await call(r.connectionsImport.POST, { body: { content: JSON.stringify(full) } });
    expect(back.json.format).toBe("keyscope");
    expect(back.json.results.every((x: { ok: boolean }) => x.ok)).toBe(true);
    expect(await saved()).toEqual(before);
    expect(JSON.stringify(await exportFile(true)).replace(/"exportedAt":"[^"]+"/, "")).toBe(
      JSON.stringify(full).replace(/"exportedAt":"[^"]+"/, ""),
    );
  });
});
