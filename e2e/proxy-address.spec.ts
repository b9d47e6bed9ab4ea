import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { startRedis } from "../scripts/lib/redis-server.mjs";
import { startProductionKeyscope } from "./production-server";

// Issue 9, "Behind a proxy the client picks its own address", through the real server
// (scripts/server.mjs records the client address; the guard and the throttle read it). This
// spec starts its own Keyscope with KEYSCOPE_TRUST_PROXY=1 and its own redis-server; no browser.

const PASSWORD = `proxy-pw-${process.pid}`;
const TOKEN = `proxy-token-${process.pid}`;
let server: ChildProcess;
let redis: Awaited<ReturnType<typeof startRedis>>;
let base = "";
let auditLog = "";

test.beforeAll(async () => {
  redis = await startRedis();
  const dir = mkdtempSync(join(tmpdir(), "keyscope-proxy-"));
  auditLog = join(dir, "audit.log");
  const started = await startProductionKeyscope(
    redis.url,
    {
      KEYSCOPE_PASSWORD: PASSWORD,
      KEYSCOPE_TOKEN: TOKEN,
      KEYSCOPE_TRUST_PROXY: "1",
      KEYSCOPE_AUDIT_LOG: auditLog,
    },
    "inherit",
  );
  server = started.proc;
  base = started.base;
});

test.afterAll(async () => {
  server?.kill("SIGTERM");
  await redis?.stop();
});

/** The client field of every audit entry written since `from` lines. */
function auditClients(from: number): string[] {
  const lines = readFileSync(auditLog, "utf8").split("\n").filter(Boolean);
  return lines.slice(from).map((l) => JSON.parse(l).client);
}
const auditLines = () => {
  try {
    return readFileSync(auditLog, "utf8").split("\n").filter(Boolean).length;
  } catch {
    return 0;
  }
};

/** An authenticated write, so it is audited whatever the audit policy for refusals is. */
function del(headers: Record<string, string>) {
  return fetch(`${base}/api/connections/default/db/0/key?key=proxy-spec-absent`, {
    method: "DELETE",
    headers: { authorization: `Bearer ${TOKEN}`, ...headers },
  });
}

test("a rotating left-most X-Forwarded-For does not escape login throttling", async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) {
    const res = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: base,
        "x-forwarded-for": `10.0.0.${i}, 198.51.100.20`,
      },
      body: JSON.stringify({ password: "wrong" }),
    });
    statuses.push(res.status);
  }
  expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
  expect(statuses[5]).toBe(429);
  expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
});

test("the audit log records the address the proxy added, and only an address", async () => {
  const from = auditLines();
  expect((await del({ "x-forwarded-for": "<script>alert(1)</script>, 198.51.100.7" })).ok).toBe(
    true,
  );
  // The proxy's own entry not an address: the socket's is recorded, never the text.
  await del({ "x-forwarded-for": "10.0.0.1, <script>alert(1)</script>" });
  await del({ "x-forwarded-for": "2001:DB8::0:1" });
  expect(auditClients(from)).toEqual(["198.51.100.7", "127.0.0.1", "2001:db8::1"]);
  expect(readFileSync(auditLog, "utf8")).not.toContain("<script>");
});

test("a client-sent x-keyscope-client is overwritten", async () => {
  const from = auditLines();
  await del({ "x-keyscope-client": "203.0.113.66" });
  await del({ "x-keyscope-client": "203.0.113.66", "x-forwarded-for": "198.51.100.8" });
  expect(auditClients(from)).toEqual(["127.0.0.1", "198.51.100.8"]);
});
