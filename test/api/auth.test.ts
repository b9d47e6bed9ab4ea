import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { call, send, withRedisServer } from "../harness";
import * as r from "../routes";

const dir = mkdtempSync(join(tmpdir(), "keyscope-auth-"));
const PASSWORD = "correct horse battery staple";
const TOKEN = "script-token-123456";
const auditFile = join(dir, "audit.log");
const redis = withRedisServer({
  env: { KEYSCOPE_PASSWORD: PASSWORD, KEYSCOPE_TOKEN: TOKEN, KEYSCOPE_AUDIT_LOG: auditFile },
});
const params = { conn: "default", db: "0" };

async function login(password: string, client = "10.0.0.1") {
  return send(r.login.POST, { body: { password }, headers: { "x-keyscope-client": client } });
}

function cookieOf(res: Response): string {
  return /keyscope_session=[^;]+/.exec(res.headers.get("set-cookie") ?? "")?.[0] ?? "";
}

describe("auth", () => {
  it("refuses API calls without a session or token, but not health", async () => {
    expect((await call(r.health.GET)).status).toBe(200);
    const none = await call(r.connections.GET);
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe("UNAUTHORIZED");
    expect(
      (await call(r.keys.GET, { params, headers: { authorization: "Bearer wrong" } })).status,
    ).toBe(401);
    expect(
      (await call(r.keys.GET, { params, headers: { authorization: `Bearer ${TOKEN}` } })).status,
    ).toBe(200);
  });

  it("logs in with the password into an HttpOnly, SameSite=Strict cookie, and logs out", async () => {
    const res = await login(PASSWORD);
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Max-Age=43200/);
    expect(setCookie).not.toMatch(/Secure/); // plain http here; https adds Secure
    const cookie = cookieOf(res);
    expect((await call(r.connections.GET, { headers: { cookie } })).status).toBe(200);
    expect((await call(r.connections.GET, { headers: { cookie: `${cookie}x` } })).status).toBe(401);
    const out = await call(r.logout.POST, { method: "POST", headers: { cookie } });
    expect(out.status).toBe(200);
    expect((await call(r.connections.GET, { headers: { cookie } })).status).toBe(401);
  });

  it("throttles repeated wrong passwords from one client with 429 and retry-after", async () => {
    for (let i = 0; i < 5; i++) expect((await login("nope", "10.9.9.9")).status).toBe(401);
    const blocked = await login(PASSWORD, "10.9.9.9");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await login(PASSWORD, "10.1.1.1")).status).toBe(200); // another client is not blocked
  });

  it("refuses a cross-site login and bad bodies", async () => {
    const evil = await call(r.login.POST, {
      method: "POST",
      body: { password: PASSWORD },
      headers: { origin: "https://evil.example" },
    });
    expect(evil.status).toBe(403);
    expect((await call(r.login.POST, { method: "POST", body: {} })).status).toBe(400);
  });

  it("writes every write, allowed or refused, to the audit log without values", async () => {
    await redis.raw.set("audited", "secret-value");
    const auth = { authorization: `Bearer ${TOKEN}`, "x-keyscope-client": "192.0.2.7" };
    const base = "/api/connections/default/db/0/key";
    await call(r.ttl.PUT, {
      params,
      query: { key: "audited" },
      body: { ttl: 60 },
      method: "PUT",
      headers: auth,
      path: `${base}/ttl`,
    });
    await call(r.value.PUT, {
      params,
      query: { key: "audited" },
      body: { value: "new-secret" },
      method: "PUT",
      headers: auth,
      path: `${base}/value`,
    });
    await call(r.key.DELETE, {
      params,
      query: { key: "audited" },
      method: "DELETE",
      headers: { ...auth, origin: "https://evil.example" },
      path: base,
    });
    const lines = readFileSync(auditFile, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const mine = lines.filter((l) => l.client === "192.0.2.7");
    expect(mine.map((l) => [l.action, l.keys, l.result.status])).toEqual([
      ["PUT /key/ttl", ["audited"], 200],
      ["PUT /key/value", ["audited"], 200],
      ["DELETE /key", ["audited"], 403],
    ]);
    expect(mine[0]).toMatchObject({ conn: "default", db: 0, detail: { ttl: 60 } });
    expect(readFileSync(auditFile, "utf8")).not.toMatch(/secret-value|new-secret|correct horse/);
    const page = await call(r.audit.GET, { query: { q: "audited" }, headers: auth });
    expect(page.json.entries[0].action).toBe("DELETE /key");
  });

  it("refuses oversized bodies with 413 before reading them", async () => {
    const big = JSON.stringify({ value: "x".repeat(17 * 1024 * 1024) });
    const res = await call(r.value.PUT, {
      params,
      query: { key: "k" },
      body: big,
      method: "PUT",
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe("TOO_LARGE");
  });
});

describe("start-up exposure check", () => {
  it("refuses a non-loopback HOST without a password, and says how to fix it", () => {
    const env = { ...process.env, HOST: "0.0.0.0", KEYSCOPE_PASSWORD: "", KEYSCOPE_INSECURE: "" };
    const run = spawnSync(process.execPath, ["scripts/server.mjs"], {
      env,
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("KEYSCOPE_PASSWORD");
    expect(run.stderr).toContain("KEYSCOPE_INSECURE=1");
  });
});

describe("secrets", () => {
  it("never appear in responses, even errors about the connection", async () => {
    process.env.REDIS_URL = "redis://admin:hunter2-secret@127.0.0.1:1";
    const { resetConfigForTests } = await import("@/lib/config");
    resetConfigForTests();
    const headers = { authorization: `Bearer ${TOKEN}` };
    const bodies = [
      await call(r.connections.GET, { headers }),
      await call(r.databases.GET, { params: { conn: "default" }, headers }),
      await call(r.keys.GET, { params, headers }),
      await call(r.session.GET, { headers }),
    ].map((x) => JSON.stringify(x.json));
    for (const body of bodies) {
      expect(body).not.toContain("hunter2-secret");
      expect(body).not.toContain(TOKEN);
      expect(body).not.toContain(PASSWORD);
    }
  });
});
