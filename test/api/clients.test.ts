import { connect, type Socket } from "node:net";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { asRestrictedUser, call, withRedisServer } from "../harness";
import * as r from "../routes";
import { lastAudit } from "./diagnostics-helpers";

const redis = withRedisServer();
const conn = { conn: "default" };

/** A client of the test's own, named, that does not reconnect once killed. */
async function openClient(url: string, name: string) {
  const client = new Redis(url, { protocol: 2, connectionName: name, retryStrategy: () => null });
  client.on("error", () => {});
  const id = Number(await client.client("ID"));
  return { client, id };
}

describe("GET /clients", () => {
  it("lists every client with its fields, and marks Keyscope's own connections", async () => {
    const other = await openClient(redis.server.url, "billing-worker");
    const tool = await openClient(redis.server.url, "keyscope-monitor");
    try {
      await other.client.select(3);
      await other.client.get("x");
      const { status, json } = await call(r.clients.GET, { params: conn });
      expect(status).toBe(200);
      expect(json.truncated).toBe(false);
      expect(json.total).toBe(json.clients.length);
      const byId = new Map(json.clients.map((c: any) => [c.id, c]));
      const row: any = byId.get(other.id);
      expect(row).toMatchObject({
        name: "billing-worker",
        db: 3,
        cmd: "get",
        user: "default",
        flags: "N",
        self: false,
      });
      expect(row.addr).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(row.ageSeconds).toBeGreaterThanOrEqual(0);
      expect(row.idleSeconds).toBeGreaterThanOrEqual(0);
      expect(row.memoryBytes).toBeGreaterThan(0);
      expect((byId.get(tool.id) as any).self).toBe(true);
      // The shared connection that listed is Keyscope's own, named "keyscope", running CLIENT LIST.
      const own = json.clients.filter((c: any) => c.name === "keyscope");
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((c: any) => c.self)).toBe(true);
      expect(own.some((c: any) => c.cmd === "client|list")).toBe(true);
      // The test's own raw client is not Keyscope's.
      const rawId = Number(await redis.raw.client("ID"));
      expect((byId.get(rawId) as any).self).toBe(false);
    } finally {
      other.client.disconnect();
      tool.client.disconnect();
    }
  });

  it("sends at most 5000 rows and says it cut the list", async () => {
    // Bare sockets are clients too (they never send a command): 5,100 of them, then gone.
    const sockets: Socket[] = [];
    try {
      for (let i = 0; i < 5100; i++)
        sockets.push(connect(redis.server.port, "127.0.0.1").on("error", () => {}));
      const deadline = Date.now() + 20_000;
      const connected = async () =>
        Number(/connected_clients:(\d+)/.exec(await redis.raw.info("clients"))?.[1]);
      while ((await connected()) < 5100 && Date.now() < deadline)
        await new Promise((res) => setTimeout(res, 100));
      const { status, json } = await call(r.clients.GET, { params: conn });
      expect(status).toBe(200);
      expect(json.truncated).toBe(true);
      expect(json.clients).toHaveLength(5000);
      expect(json.total).toBeGreaterThan(5100);
    } finally {
      for (const s of sockets) s.destroy();
    }
  }, 60_000);

  it("says clearly when the Redis user may not run CLIENT (managed services)", async () => {
    await asRestrictedUser(redis, ["-@admin"], async () => {
      const { status, json } = await call(r.clients.GET, { params: conn });
      expect(status).toBe(403);
      expect(json.error.code).toBe("FORBIDDEN");
      expect(json.error.message).toMatch(/refuses CLIENT LIST/);
    });
  });
});

describe("DELETE /clients/{id}", () => {
  it("kills the client, which really disconnects, and audits it", async () => {
    const victim = await openClient(redis.server.url, "victim");
    const closed = new Promise<void>((res) => victim.client.once("end", () => res()));
    const { status, json } = await call(r.clientKill.DELETE, {
      params: { ...conn, id: String(victim.id) },
    });
    expect(status).toBe(200);
    expect(json).toEqual({ killed: true });
    await closed;
    const list = String(await redis.raw.client("LIST"));
    expect(list).not.toContain(`id=${victim.id} `);
    expect(lastAudit()).toMatchObject({
      action: `DELETE /clients/${victim.id}`,
      detail: { clientId: String(victim.id) },
      result: { status: 200 },
    });
  });

  it("answers 404 for an unknown id and 400 for one that is not digits", async () => {
    const unknown = await call(r.clientKill.DELETE, { params: { ...conn, id: "987654321" } });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe("NOT_FOUND");
    for (const id of ["abc", "-1", "1 2", "12a", "99999999999999999999"]) {
      const { status, json } = await call(r.clientKill.DELETE, { params: { ...conn, id } });
      expect(status).toBe(400);
      expect(json.error.message).toMatch(/id/);
    }
  });
});

describe("clients in read-only mode", () => {
  const ro = withRedisServer({ env: { KEYSCOPE_READ_ONLY: "1" } });
  it("lists, but refuses a kill with 403 READ_ONLY and the client stays connected", async () => {
    const victim = await openClient(ro.server.url, "victim");
    try {
      expect((await call(r.clients.GET, { params: conn })).status).toBe(200);
      const { status, json } = await call(r.clientKill.DELETE, {
        params: { ...conn, id: String(victim.id) },
      });
      expect(status).toBe(403);
      expect(json.error.code).toBe("READ_ONLY");
      expect(await victim.client.ping()).toBe("PONG");
      expect(lastAudit()).toMatchObject({ result: { status: 403, code: "READ_ONLY" } });
    } finally {
      victim.client.disconnect();
    }
  });
});

describe("clients with Redis down", () => {
  const down = withRedisServer({ flush: false });
  it("answers 503 REDIS_UNAVAILABLE to the list and the kill", async () => {
    await down.server.stop();
    expect((await call(r.clients.GET, { params: conn })).json.error.code).toBe("REDIS_UNAVAILABLE");
    const kill = await call(r.clientKill.DELETE, { params: { ...conn, id: "5" } });
    expect(kill.status).toBe(503);
  });
});
