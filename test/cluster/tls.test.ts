import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { keysPage } from "@/lib/schemas/keys";
import { tempPath } from "@/scripts/lib/redis-server.mjs";
import { withCluster } from "../cluster-harness";
import { b64url, call } from "../harness";
import * as r from "../routes";

// A six-node cluster that speaks TLS (client port, cluster bus and replication; the throwaway
// CA of test/fixtures/tls), reached through the API as a user would: the seeds as rediss://
// URLs and the CA in `tls`. The nodes keep a plain port for the harness; the last test proves
// Keyscope's own connections are on the TLS ports, never the plain ones. The same cluster is
// also a KEYSCOPE_CONNECTIONS entry ("file") with the CA in its `tls`.

const TLS_DIR = join(__dirname, "../fixtures/tls");
const ca = readFileSync(join(TLS_DIR, "ca.crt"), "utf8");
const c = withCluster({ tls: { dir: TLS_DIR } });
const BINARY = Buffer.from([0xff, 0xfe, 0x00, 0x80]);

const tlsPorts = () => c.cluster.tlsPorts as number[];
const seeds = () => tlsPorts().map((p) => `rediss://127.0.0.1:${p}`);
const tryIt = (body: Record<string, unknown>) => call(r.connectionsTest.POST, { body });

// After the harness's beforeAll (the cluster is up): the file entry, then the config re-read.
beforeAll(() => {
  const path = `${tempPath("keyscope-tls-")}-connections.json`;
  const nodes = tlsPorts().map((p) => `127.0.0.1:${p}`);
  writeFileSync(
    path,
    JSON.stringify([{ id: "file", name: "file", mode: "cluster", nodes, tls: { ca } }]),
  );
  process.env.KEYSCOPE_CONNECTIONS = path;
  resetConfigForTests();
});
afterAll(() => {
  delete process.env.KEYSCOPE_CONNECTIONS;
});

async function saved(): Promise<string> {
  const { status, json } = await call(r.connections.POST, {
    body: { name: "tls cluster", mode: "cluster", nodes: seeds().slice(0, 3), tls: { ca } },
  });
  expect(status).toBe(201);
  return json.id;
}

describe("a cluster over TLS", () => {
  it("tests ok with the CA: a cluster of 3 masters", async () => {
    const { status, json } = await tryIt({ mode: "cluster", nodes: seeds(), tls: { ca } });
    expect(status).toBe(200);
    expect(json).toMatchObject({ ok: true, mode: "cluster", masters: 3 });
    // host:port seeds take their TLS from `tls` alone.
    const bare = tlsPorts().map((p) => `127.0.0.1:${p}`);
    expect((await tryIt({ mode: "cluster", nodes: bare, tls: { ca } })).json).toMatchObject({
      ok: true,
      masters: 3,
    });
  });

  it("says the TLS handshake failed without the CA, and a plain port behind rediss:// is not TLS", async () => {
    const noCa = await tryIt({ mode: "cluster", nodes: seeds() });
    expect(noCa.status).toBe(200);
    expect(noCa.json).toMatchObject({ ok: false, reason: "tls" });
    expect(noCa.json.message).toMatch(/TLS handshake failed.*certificate/);
    const plain = c.cluster.ports.slice(0, 1).map((p) => `rediss://127.0.0.1:${p}`);
    const wrongPort = await tryIt({ mode: "cluster", nodes: plain, tls: { ca } });
    expect(wrongPort.json).toMatchObject({ ok: false });
    expect(wrongPort.json.message).toMatch(/TLS/);
  }, 20_000);

  it("walks the keys of every master to the end and reads a binary key, over TLS", async () => {
    const keys = [...Array.from({ length: 300 }, (_, i) => `tls:${i}`), BINARY];
    await c.seed(keys);
    await (await c.nodeFor(BINARY)).set(BINARY, Buffer.from([0xc3, 0x28]));
    for (const m of await c.masters()) expect(await m.dbsize()).toBeGreaterThan(0);
    const conn = await saved();
    const params = { conn, db: "0" };
    const seen: Buffer[] = [];
    let cursor = "0";
    do {
      const { status, json } = await call(r.keys.GET, { params, query: { cursor, count: "50" } });
      expect(status).toBe(200);
      const page = keysPage.parse(json);
      seen.push(...page.keys.map((k) => k.key));
      expect(page.dbsize).toBe(keys.length);
      cursor = page.cursor;
    } while (cursor !== "0");
    expect(seen).toHaveLength(keys.length);
    expect(new Set(seen.map((k) => k.toString("hex"))).size).toBe(keys.length);
    expect(seen.some((k) => k.equals(BINARY))).toBe(true);
    const { status, json } = await call(r.value.GET, {
      params,
      query: { key64: b64url(BINARY) },
    });
    expect(status).toBe(200);
    expect(JSON.stringify(json)).toContain(Buffer.from([0xc3, 0x28]).toString("base64"));
    await call(r.connection.DELETE, { params: { conn } });
  });

  it("takes the CA from a KEYSCOPE_CONNECTIONS entry: listed as TLS, tested by id, keys read", async () => {
    const list = (await call(r.connections.GET)).json.connections;
    expect(list.find((x: { id: string }) => x.id === "file")).toMatchObject({
      mode: "cluster",
      tls: true,
      source: "env",
    });
    expect((await tryIt({ id: "file" })).json).toMatchObject({ ok: true, masters: 3 });
    await c.seed(["a", "b", BINARY]);
    const { status, json } = await call(r.keys.GET, {
      params: { conn: "file", db: "0" },
      query: { count: "1000" },
    });
    expect(status).toBe(200);
    expect(keysPage.parse(json).dbsize).toBe(3);
  });

  it("uses the TLS ports only: the nodes it lists, and its clients' laddr on every master", async () => {
    const conn = await saved();
    await c.seed(["k"]);
    for (const id of [conn, "file"]) {
      expect((await call(r.keys.GET, { params: { conn: id, db: "0" } })).status).toBe(200);
      const listed = await call(r.clients.GET, { params: { conn: id } });
      expect(listed.status).toBe(200);
      const nodes = listed.json.nodes.map((n: { node: string }) => n.node).sort();
      expect(nodes).toEqual(
        tlsPorts()
          .map((p) => `127.0.0.1:${p}`)
          .sort(),
      );
    }
    // CLIENT LIST through the harness's plain clients: Keyscope's connections (named
    // "keyscope": the two connections' shared clients) all came in on the node's TLS port.
    for (const m of await c.cluster.masters()) {
      const plain = (await c.masters()).find((x) => x.options.port === m.port);
      const list = String(await plain?.call("CLIENT", "LIST"));
      const ours = list.split("\n").filter((l) => /\bname=keyscope\b/.test(l));
      expect(ours.length).toBeGreaterThanOrEqual(2);
      for (const line of ours) expect(line).toContain(`laddr=127.0.0.1:${m.tlsPort}`);
    }
    await call(r.connection.DELETE, { params: { conn } });
  });
});
