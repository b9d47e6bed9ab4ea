import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { freePort, type RedisProcess, startRedis } from "@/scripts/lib/redis-server.mjs";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";

// POST /api/connections/test and GET …/state against real servers: one with requirepass, one
// that is stopped, one paused with SIGSTOP. Each failure says why, within the connect timeout.

const CONNECT_TIMEOUT_MS = 1000;
const redis = withRedisServer({ env: { KEYSCOPE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS) } });
const PASSWORD = "pw-for-the-test-3b9";
let locked: RedisProcess;
let secure: RedisProcess;
let tlsPort: number;
const TLS_DIR = join(__dirname, "../fixtures/tls");
const pem = (name: string) => readFileSync(join(TLS_DIR, name), "utf8");

beforeAll(async () => {
  locked = await startRedis({ args: ["--requirepass", PASSWORD] });
  tlsPort = await freePort();
  // TLS on its own port (the plain one stays for the harness's readiness ping); client
  // certificates are checked when one is sent.
  secure = await startRedis({
    args: [
      "--tls-port",
      String(tlsPort),
      "--tls-cert-file",
      join(TLS_DIR, "server.crt"),
      "--tls-key-file",
      join(TLS_DIR, "server.key"),
      "--tls-ca-cert-file",
      join(TLS_DIR, "ca.crt"),
      "--tls-auth-clients",
      "optional",
    ],
  });
});
afterAll(async () => {
  await locked.stop();
  await secure.stop();
});

const tryIt = (body: Record<string, unknown>) => call(r.connectionsTest.POST, { body });

describe("testing a connection", () => {
  it("answers version, mode and latency for a good one (by URL, by host, by id)", async () => {
    const byUrl = await tryIt({ url: redis.server.url });
    expect(byUrl.status).toBe(200);
    expect(byUrl.json).toMatchObject({ ok: true, mode: "standalone" });
    expect(byUrl.json.version).toMatch(/^\d+\.\d+/);
    expect(byUrl.json.latencyMs).toBeGreaterThanOrEqual(0);
    expect((await tryIt({ host: "127.0.0.1", port: redis.server.port })).json.ok).toBe(true);
    expect((await tryIt({ id: "default" })).json.ok).toBe(true);
  });

  it("says a password is needed (NOAUTH), or wrong (WRONGPASS), and works with the right one", async () => {
    const where = { host: "127.0.0.1", port: locked.port };
    const none = await tryIt(where);
    expect(none.json).toMatchObject({ ok: false, reason: "auth" });
    expect(none.json.message).toMatch(/NOAUTH/);
    const wrong = await tryIt({ ...where, password: "nope" });
    expect(wrong.json).toMatchObject({ ok: false, reason: "auth" });
    expect(wrong.json.message).toMatch(/WRONGPASS|invalid/);
    expect((await tryIt({ ...where, password: PASSWORD })).json.ok).toBe(true);
  });

  it("tests a saved connection with its stored password, and with the form's changes on top", async () => {
    const { json } = await call(r.connections.POST, {
      body: { name: "locked", host: "127.0.0.1", port: locked.port, password: PASSWORD },
    });
    expect((await tryIt({ id: json.id })).json.ok).toBe(true);
    expect((await tryIt({ id: json.id, password: "" })).json.reason).toBe("auth");
    expect((await tryIt({ id: "no-such" })).status).toBe(404);
    await call(r.connection.DELETE, { params: { conn: json.id } });
  });

  it("says nothing listens on a closed port", async () => {
    const gone = await startRedis();
    await gone.stop();
    const { json } = await tryIt({ host: "127.0.0.1", port: gone.port });
    expect(json).toMatchObject({ ok: false, reason: "refused" });
    expect(json.message).toMatch(/ECONNREFUSED/);
  });

  it("connects over TLS with a private CA (and a client certificate), and says why when the CA is unknown", async () => {
    const where = { host: "127.0.0.1", port: tlsPort };
    const unknownCa = await tryIt({ ...where, tls: true });
    expect(unknownCa.json).toMatchObject({ ok: false, reason: "tls" });
    expect(unknownCa.json.message).toMatch(/certificate/);
    expect((await tryIt({ ...where, tls: { ca: pem("ca.crt") } })).json.ok).toBe(true);
    expect((await tryIt({ ...where, tls: { rejectUnauthorized: false } })).json.ok).toBe(true);
    const withClient = { ca: pem("ca.crt"), cert: pem("client.crt"), key: pem("client.key") };
    expect((await tryIt({ ...where, tls: withClient })).json.ok).toBe(true);
    // Saved, then used by the registry's clients with the same TLS settings.
    const { json } = await call(r.connections.POST, {
      body: { name: "tls", ...where, tls: withClient },
    });
    const state = await call(r.connectionState.GET, { params: { conn: json.id } });
    expect(state.json.reachable).toBe(true);
    const list = (await call(r.connections.GET)).json;
    expect(list.connections.find((c: { id: string }) => c.id === json.id).tls).toBe(true);
    expect(JSON.stringify(list)).not.toContain("PRIVATE KEY");
    await call(r.connection.DELETE, { params: { conn: json.id } });
  });

  it("says the TLS handshake failed when rediss:// meets a plain server", async () => {
    const started = Date.now();
    const { json } = await tryIt({ url: redis.server.url.replace("redis://", "rediss://") });
    expect(json.ok).toBe(false);
    expect(json.reason).toBe("timeout"); // Redis reads the TLS hello as a command and waits
    expect(json.message).toMatch(/does not speak TLS/);
    expect(Date.now() - started).toBeLessThan(CONNECT_TIMEOUT_MS + 1000);
  });

  it("answers within the connect timeout when Redis is paused (SIGSTOP), and the state says unreachable", async () => {
    const paused = await startRedis();
    try {
      const { json: created } = await call(r.connections.POST, {
        body: { name: "paused", url: paused.url },
      });
      expect(
        (await call(r.connectionState.GET, { params: { conn: created.id } })).json.reachable,
      ).toBe(true);
      paused.pause();
      const started = Date.now();
      const { json } = await tryIt({ url: paused.url });
      const took = Date.now() - started;
      expect(json).toMatchObject({ ok: false, reason: "timeout" });
      expect(took).toBeGreaterThanOrEqual(CONNECT_TIMEOUT_MS - 50);
      expect(took).toBeLessThan(CONNECT_TIMEOUT_MS + 1000);
      const s0 = Date.now();
      const state = await call(r.connectionState.GET, { params: { conn: created.id } });
      expect(state.json.reachable).toBe(false);
      expect(Date.now() - s0).toBeLessThan(CONNECT_TIMEOUT_MS + 1000);
      paused.resume();
      await call(r.connection.DELETE, { params: { conn: created.id } });
    } finally {
      paused.resume();
      await paused.stop();
    }
  });

  it("refuses a body that is not a connection (400)", async () => {
    expect((await tryIt({})).status).toBe(400);
    expect((await tryIt({ url: "http://x" })).status).toBe(400);
    expect((await tryIt({ host: "h", mode: "sentinel" })).json.error.message).toMatch(
      /needs its sentinels/,
    );
  });

  it("the state of an unknown connection is 404", async () => {
    resetConfigForTests();
    expect((await call(r.connectionState.GET, { params: { conn: "nope" } })).status).toBe(404);
  });
});
