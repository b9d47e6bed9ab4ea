import { readFileSync, writeFileSync } from "node:fs";
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { config, resetConfigForTests } from "@/lib/config";
import { CONNECTIONS_FILE } from "@/lib/connections/store";
import { dataPath } from "@/lib/data-dir";
import { type RedisProcess, startRedis } from "@/scripts/lib/redis-server.mjs";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";

// Saved connections end to end: add, list, use, edit, delete, on a second real redis-server
// ("another connection") with requirepass, so a password is in play everywhere.

const redis = withRedisServer();
const PASSWORD = "s3cret-pässword-7f1c";
let other: RedisProcess;
let otherRaw: Redis;

beforeAll(async () => {
  other = await startRedis({ args: ["--requirepass", PASSWORD] });
  otherRaw = new Redis(other.url, { password: PASSWORD, protocol: 2 });
});
afterAll(async () => {
  otherRaw.disconnect();
  await other.stop();
});
beforeEach(async () => {
  // Each test starts with no saved connections and edits allowed.
  delete process.env.KEYSCOPE_ALLOW_CONNECTION_EDITS;
  delete process.env.KEYSCOPE_READ_ONLY;
  resetConfigForTests();
  for (const c of (await call(r.connections.GET)).json.connections)
    if (c.source === "saved") await call(r.connection.DELETE, { params: { conn: c.id } });
});

const body = () => ({
  name: "Another one",
  host: "127.0.0.1",
  port: other.port,
  password: PASSWORD,
  production: true,
  color: "red",
});

async function add(b: Record<string, unknown> = body()): Promise<string> {
  const { status, json } = await call(r.connections.POST, { body: b });
  expect(status).toBe(201);
  return json.id as string;
}

const keyscopeClients = async (raw: Redis) =>
  ((await raw.call("CLIENT", "LIST")) as string)
    .split("\n")
    .filter((l) => / name=keyscope/.test(l));

describe("saved connections", () => {
  it("adds one, lists it as saved, reads its Redis through it, and never sends its password", async () => {
    await otherRaw.set("only-there", "v");
    const id = await add();
    expect(id).toBe("another-one");
    const list = await call(r.connections.GET);
    const entry = list.json.connections.find((c: { id: string }) => c.id === id);
    expect(entry).toEqual({
      id,
      name: "Another one",
      mode: "standalone",
      readOnly: false,
      production: true,
      source: "saved",
      host: "127.0.0.1",
      port: other.port,
      tls: false,
      hasPassword: true,
      databases: 16,
      color: "red",
    });
    expect(list.json.connections[0]).toMatchObject({ id: "default", source: "env" });
    const key = await call(r.key.GET, {
      params: { conn: id, db: "0" },
      query: { key: "only-there" },
    });
    expect(key.status).toBe(200);
    const state = await call(r.connectionState.GET, { params: { conn: id } });
    expect(state.json).toMatchObject({ reachable: true, keys: 1 });
    expect(state.json.usedMemoryBytes).toBeGreaterThan(0);
    for (const answer of [list.json, state.json, key.json])
      expect(JSON.stringify(answer)).not.toContain(PASSWORD);
  });

  it("keeps the password encrypted in the file and reads it back after a restart", async () => {
    const id = await add();
    const bytes = readFileSync(dataPath(CONNECTIONS_FILE));
    expect(bytes.includes(Buffer.from(PASSWORD))).toBe(false);
    expect(bytes.includes(Buffer.from("pässword"))).toBe(false);
    expect(bytes.toString()).toContain('"password": "v1.');
    // A restart: the configuration parsed again, the clients gone, the store read from disk.
    resetConfigForTests();
    const { closeAllClients } = await import("@/lib/redis/client");
    await closeAllClients();
    const state = await call(r.connectionState.GET, { params: { conn: id } });
    expect(state.json.reachable).toBe(true);
    const list = (await call(r.connections.GET)).json.connections;
    expect(list.find((c: { id: string }) => c.id === id)?.hasPassword).toBe(true);
  });

  it("sees the file change on disk (another Keyscope on the same data directory) within a moment", async () => {
    const id = await add();
    const file = dataPath(CONNECTIONS_FILE);
    const bytes = readFileSync(file);
    await call(r.connection.DELETE, { params: { conn: id } });
    writeFileSync(file, bytes); // as another process's write would put it back
    await new Promise((res) => setTimeout(res, 300));
    expect((await call(r.connectionState.GET, { params: { conn: id } })).json.reachable).toBe(true);
    // A damaged file: the saved connections are gone from the list, writes are refused, nothing is lost.
    writeFileSync(file, "{ not json");
    await new Promise((res) => setTimeout(res, 300));
    const ids = (await call(r.connections.GET)).json.connections.map((c: { id: string }) => c.id);
    expect(ids).toEqual(["default"]);
    const refused = await call(r.connections.POST, { body: body() });
    expect(refused.status).toBe(500);
    expect(refused.json.error.message).toMatch(/connections.json/);
    expect(readFileSync(file, "utf8")).toBe("{ not json");
    writeFileSync(file, bytes);
    await new Promise((res) => setTimeout(res, 300));
  });

  it("edits: the fields given change, the password stays unless replaced or removed, clients reconnect", async () => {
    const id = await add();
    await otherRaw.set("there", "1");
    const read = () => call(r.key.GET, { params: { conn: id, db: "0" }, query: { key: "there" } });
    expect((await read()).status).toBe(200);
    const renamed = await call(r.connection.PUT, {
      params: { conn: id },
      body: { name: "Renamed", color: null },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({
      id,
      name: "Renamed",
      hasPassword: true,
      production: true,
    });
    expect(renamed.json.color).toBeUndefined();
    expect((await read()).status).toBe(200); // password unchanged
    // A wrong password: the old clients are closed, the next request uses the new one and fails.
    await call(r.connection.PUT, { params: { conn: id }, body: { password: "wrong" } });
    expect((await read()).status).not.toBe(200);
    await call(r.connection.PUT, { params: { conn: id }, body: { password: PASSWORD } });
    expect((await read()).status).toBe(200);
    // Pointed at the first server, without a password.
    const moved = await call(r.connection.PUT, {
      params: { conn: id },
      body: { url: redis.server.url, password: "" },
    });
    expect(moved.json).toMatchObject({ port: redis.server.port, hasPassword: false });
    await new Promise((res) => setTimeout(res, 100));
    expect(await keyscopeClients(otherRaw)).toEqual([]); // nothing left on the old server
    await redis.raw.set("there", "here");
    const after = await call(r.value.GET, {
      params: { conn: id, db: "0" },
      query: { key: "there" },
    });
    expect(after.json.value).toBe("here");
  });

  it("deletes: 200 with its view, gone from the list, and no client of it left on its Redis", async () => {
    const id = await add();
    await call(r.keys.GET, { params: { conn: id, db: "0" } });
    await call(r.keys.GET, { params: { conn: id, db: "1" } });
    // A job's own connection too (what bulk jobs, analyses and event streams hold).
    const { dedicatedClient } = await import("@/lib/redis/client");
    const job = await dedicatedClient(id, 0, "keyscope-job");
    expect((await keyscopeClients(otherRaw)).length).toBe(3);
    const del = await call(r.connection.DELETE, { params: { conn: id } });
    expect(del.status).toBe(200);
    expect(del.json).toMatchObject({ id, source: "saved" });
    await new Promise((res) => setTimeout(res, 100));
    expect(await keyscopeClients(otherRaw)).toEqual([]);
    expect(job.status).toBe("end");
    expect((await call(r.keys.GET, { params: { conn: id, db: "0" } })).status).toBe(404);
    expect((await call(r.connection.DELETE, { params: { conn: id } })).status).toBe(404);
  });

  it("refuses to change or delete an environment connection (403)", async () => {
    const put = await call(r.connection.PUT, { params: { conn: "default" }, body: { name: "x" } });
    expect(put.status).toBe(403);
    expect(put.json.error.code).toBe("FORBIDDEN");
    expect(put.json.error.message).toMatch(/environment/);
    expect((await call(r.connection.DELETE, { params: { conn: "default" } })).status).toBe(403);
  });

  it("KEYSCOPE_ALLOW_CONNECTION_EDITS=0 refuses every write (403) but the test", async () => {
    const id = await add();
    process.env.KEYSCOPE_ALLOW_CONNECTION_EDITS = "0";
    resetConfigForTests();
    for (const res of [
      await call(r.connections.POST, { body: body() }),
      await call(r.connection.PUT, { params: { conn: id }, body: { name: "y" } }),
      await call(r.connection.DELETE, { params: { conn: id } }),
      await call(r.connectionsImport.POST, { body: { content: JSON.stringify([body()]) } }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.json.error.message).toMatch(/KEYSCOPE_ALLOW_CONNECTION_EDITS/);
    }
    expect((await call(r.connectionsTest.POST, { body: { id } })).json.ok).toBe(true);
    const list = (await call(r.connections.GET)).json;
    expect(list.connections.map((c: { name: string }) => c.name)).toEqual([
      "default",
      "Another one",
    ]);
    // The list tells the UI, which hides Add, Edit, Import and Delete.
    expect(list.edits).toEqual({
      allowed: false,
      reason: expect.stringMatching(/KEYSCOPE_ALLOW_CONNECTION_EDITS=0/),
    });
    delete process.env.KEYSCOPE_ALLOW_CONNECTION_EDITS;
    resetConfigForTests();
    expect((await call(r.connections.GET)).json.edits).toEqual({ allowed: true });
  });

  it("read-only mode refuses connection writes as it refuses deleting a report; a read-only connection can still be edited", async () => {
    const id = await add({ ...body(), readOnly: true });
    const edited = await call(r.connection.PUT, {
      params: { conn: id },
      body: { readOnly: false },
    });
    expect(edited.status).toBe(200);
    expect(edited.json.readOnly).toBe(false);
    process.env.KEYSCOPE_READ_ONLY = "1";
    resetConfigForTests();
    const refused = await call(r.connections.POST, { body: body() });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("READ_ONLY");
    expect((await call(r.connectionsTest.POST, { body: { id } })).json.ok).toBe(true);
  });

  it("audits writes without their secrets", async () => {
    const id = await add();
    await call(r.connection.PUT, { params: { conn: id }, body: { password: "another-secret-9" } });
    const log = readFileSync(config().auditLog, "utf8");
    expect(log).toContain('"action":"connection add"');
    expect(log).toContain('"action":"connection edit"');
    expect(log).not.toContain(PASSWORD);
    expect(log).not.toContain("another-secret-9");
  });

  it("refuses bad input with 400 and saves nothing", async () => {
    const bad: unknown[] = [
      { name: "x", url: "http://127.0.0.1:6379" },
      { name: "x", host: "127.0.0.1", port: 0 },
      { name: "x".repeat(10_000), host: "127.0.0.1" },
      { name: "x", host: "127.0.0.1", extra: 1 },
      { name: "x" },
      { name: "x", host: "a b" },
      { name: "x", url: "redis://h:1", host: "h" },
      { name: "x", host: "h", mode: "cluster" },
      { name: "x", mode: "sentinel", sentinels: ["h:26379"] },
      { name: "x", mode: "cluster", nodes: [] },
      { name: "x", mode: "cluster", nodes: ["not an address"] },
      { name: "x", mode: "cluster", nodes: ["h:7000"], natMap: { "a:1": "nope" } },
      { name: "x", mode: "cluster", nodes: ["h:7000"], natMap: "garbage" },
      { name: "x", mode: "mesh", host: "h" },
      { name: "x", host: "h", tls: { ca: "not pem" } },
      { name: "x", host: "h", color: "chartreuse" },
    ];
    for (const b of bad) {
      const res = await call(r.connections.POST, { body: b });
      expect(res.status, JSON.stringify(b).slice(0, 80)).toBe(400);
      expect(res.json.error.code).toBe("BAD_REQUEST");
    }
    const cluster = await call(r.connections.POST, {
      body: { name: "x", host: "h", mode: "cluster" },
    });
    expect(cluster.json.error.message).toMatch(/seed nodes/);
    const long = await call(r.connections.POST, {
      body: { name: "x", host: "h", password: "p".repeat(100_000) },
    });
    expect(long.status).toBe(400);
    const huge = await call(r.connections.POST, {
      body: { name: "x", host: "h", password: "p".repeat(20 * 1024 * 1024) },
    });
    expect(huge.status).toBe(413); // over KEYSCOPE_MAX_BODY_BYTES: refused before it is parsed
    const saved = (await call(r.connections.GET)).json.connections.filter(
      (c: { source: string }) => c.source === "saved",
    );
    expect(saved).toEqual([]);
    const id = await add();
    const badPut = await call(r.connection.PUT, { params: { conn: id }, body: { port: 70000 } });
    expect(badPut.status).toBe(400);
    const after = (await call(r.connections.GET)).json.connections.find(
      (c: { id: string }) => c.id === id,
    );
    expect(after.port).toBe(other.port);
  });

  it("gives saved connections ids that no environment connection or route name takes", async () => {
    expect(await add({ ...body(), name: "default" })).toBe("default-2");
    expect(await add({ ...body(), name: "Test" })).toBe("test-2");
    expect(await add({ ...body(), name: "Test" })).toBe("test-3");
    expect(await add({ ...body(), name: "☃" })).toBe("connection");
  });
});
