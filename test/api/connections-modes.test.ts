import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { CONNECTIONS_FILE } from "@/lib/connections/store";
import { dataPath } from "@/lib/data-dir";
import { call, send, withRedisServer } from "../harness";
import * as r from "../routes";

// Saved cluster and sentinel connections: what is stored (secrets sealed), what the list says
// (never a secret), switching modes with PUT, the export and import of the mode fields. Live
// tests against a cluster and a sentinel set-up are in test/cluster/sentinel-*.test.ts.

withRedisServer();

beforeEach(async () => {
  resetConfigForTests();
  for (const c of (await call(r.connections.GET)).json.connections)
    if (c.source === "saved") await call(r.connection.DELETE, { params: { conn: c.id } });
});

const summary = async (id: string) =>
  (await call(r.connections.GET)).json.connections.find((c: { id: string }) => c.id === id);

describe("cluster and sentinel connections", () => {
  it("saves a cluster from seed nodes (URLs carry the credentials) and lists it without secrets", async () => {
    const res = await call(r.connections.POST, {
      body: {
        name: "Shop cluster",
        mode: "cluster",
        nodes: ["redis://app:cl-pass-91@10.0.0.1:7000", "10.0.0.2:7000"],
        natMap: { "172.17.0.2:7000": "10.0.0.1:7000" },
      },
    });
    expect(res.status).toBe(201);
    const s = await summary(res.json.id);
    expect(s).toMatchObject({
      mode: "cluster",
      seeds: ["10.0.0.1:7000", "10.0.0.2:7000"],
      host: "10.0.0.1",
      port: 7000,
      username: "app",
      hasPassword: true,
      databases: 1,
      natMapEntries: 1,
    });
    expect(JSON.stringify(s)).not.toContain("cl-pass-91");
    const file = readFileSync(dataPath(CONNECTIONS_FILE), "utf8");
    expect(file).not.toContain("cl-pass-91");
    expect(file).toContain('"seeds"');
  });

  it("saves a sentinel set with its own password sealed; the list says only that there is one", async () => {
    const res = await call(r.connections.POST, {
      body: {
        name: "Sessions",
        mode: "sentinel",
        sentinels: ["10.0.1.1:26379", "redis://10.0.1.2:26379"],
        masterName: "sessions",
        password: "node-pass-3",
        sentinelUsername: "watcher",
        sentinelPassword: "sent-pass-8",
      },
    });
    expect(res.status).toBe(201);
    const s = await summary(res.json.id);
    expect(s).toMatchObject({
      mode: "sentinel",
      sentinels: ["10.0.1.1:26379", "10.0.1.2:26379"],
      masterName: "sessions",
      // Shown back like the data nodes' username, so the edit form can show it.
      sentinelUsername: "watcher",
      hasPassword: true,
      hasSentinelPassword: true,
    });
    const file = readFileSync(dataPath(CONNECTIONS_FILE), "utf8");
    expect(file).not.toContain("sent-pass-8");
    expect(file).not.toContain("node-pass-3");
    // The sentinels' password in a URL counts as theirs.
    const fromUrl = await call(r.connections.POST, {
      body: {
        name: "Sessions 2",
        mode: "sentinel",
        sentinels: ["redis://:from-url-5@10.0.1.1:26379"],
        masterName: "sessions",
      },
    });
    expect(await summary(fromUrl.json.id)).toMatchObject({
      hasSentinelPassword: true,
      hasPassword: false,
    });
  });

  it("PUT switches modes and drops the other mode's fields", async () => {
    const { json } = await call(r.connections.POST, {
      body: { name: "Switch", mode: "cluster", nodes: ["10.0.0.1:7000"] },
    });
    const params = { conn: json.id };
    const toSentinel = await call(r.connection.PUT, {
      params,
      body: { mode: "sentinel", sentinels: ["10.0.1.1:26379"], masterName: "m" },
    });
    expect(toSentinel.status).toBe(200);
    expect(toSentinel.json).toMatchObject({ mode: "sentinel", masterName: "m" });
    expect(toSentinel.json.seeds).toBeUndefined();
    const toPlain = await call(r.connection.PUT, {
      params,
      body: { mode: "standalone", host: "127.0.0.1", port: 6390 },
    });
    expect(toPlain.json).toMatchObject({ mode: "standalone", host: "127.0.0.1", port: 6390 });
    expect(toPlain.json.sentinels).toBeUndefined();
    // A cluster without seeds, even by PUT, is refused.
    const bad = await call(r.connection.PUT, { params, body: { mode: "cluster" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/seed nodes/);
  });

  it("exports the mode fields and imports them back as they were", async () => {
    await call(r.connections.POST, {
      body: {
        name: "Exp sentinel",
        mode: "sentinel",
        sentinels: ["10.0.1.1:26379"],
        masterName: "orders",
        sentinelPassword: "sp-1",
      },
    });
    const res = await send(r.connectionsExport.GET, { query: { passwords: "1" } });
    const text = await res.text();
    const exported = JSON.parse(text);
    expect(exported.connections[0]).toMatchObject({
      mode: "sentinel",
      sentinels: ["10.0.1.1:26379"],
      masterName: "orders",
      sentinelPassword: "sp-1",
    });
    for (const c of (await call(r.connections.GET)).json.connections)
      if (c.source === "saved") await call(r.connection.DELETE, { params: { conn: c.id } });
    const imported = await call(r.connectionsImport.POST, { body: { content: text } });
    expect(imported.json.results[0]).toMatchObject({ ok: true });
    expect(await summary(imported.json.results[0].id)).toMatchObject({
      mode: "sentinel",
      masterName: "orders",
      hasSentinelPassword: true,
    });
  });
});
