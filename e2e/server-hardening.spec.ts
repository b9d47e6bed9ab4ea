import type { ChildProcess } from "node:child_process";
import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { Redis } from "ioredis";
import { startRedis } from "../scripts/lib/redis-server.mjs";
import { startProductionKeyscope } from "./production-server";

// Issue 9, through the real server (scripts/server.mjs + the production build), no browser:
// - "2,000 aborted slow uploads print ~8,000 lines of stack traces": uploads abandoned halfway,
//   to the API and to pages, leave (almost) nothing on the server's stderr;
// - X-Forwarded-Proto is the client's word without KEYSCOPE_TRUST_PROXY: no Secure cookie.
// This spec starts its own Keyscope (auth on, no trusted proxy) and its own redis-server.

const PASSWORD = `hardening-pw-${process.pid}`;
const TOKEN = `hardening-token-${process.pid}`;
let server: ChildProcess;
let redis: Awaited<ReturnType<typeof startRedis>>;
let base = "";
let stderr: string[] = [];

test.beforeAll(async () => {
  redis = await startRedis();
  const started = await startProductionKeyscope(redis.url, {
    KEYSCOPE_PASSWORD: PASSWORD,
    KEYSCOPE_TOKEN: TOKEN,
  });
  server = started.proc;
  base = started.base;
  stderr = started.stderr;
});

test.afterAll(async () => {
  server?.kill("SIGTERM");
  await redis?.stop();
});

// First: the abandoned logins below count as failed ones, and throttle this client.
test("x-forwarded-proto without a trusted proxy does not make the cookie Secure", async () => {
  const login = (headers: Record<string, string>) =>
    fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base, ...headers },
      body: JSON.stringify({ password: PASSWORD }),
    });
  const spoofed = await login({ "x-forwarded-proto": "https" });
  expect(spoofed.status).toBe(200);
  expect(spoofed.headers.get("set-cookie")).toMatch(/keyscope_session=/);
  expect(spoofed.headers.get("set-cookie")).not.toMatch(/Secure/);
});

/** Declares a 1 MB body, sends 20 KB of it, waits, and goes away without an answer. */
function abandonedUpload(path: string, method: string, headers: Record<string, string>) {
  return new Promise<void>((resolve) => {
    const req = httpRequest(`${base}${path}`, {
      method,
      headers: { "content-type": "application/json", "content-length": "1000000", ...headers },
    });
    req.on("error", () => {}); // destroyed on purpose
    req.on("response", (res) => res.resume());
    req.write(`{"value":"${"x".repeat(20_000)}`);
    setTimeout(() => {
      req.destroy();
      resolve();
    }, 150);
  });
}

test("abandoned uploads end quietly: no stack trace per request", async () => {
  const bearer = { authorization: `Bearer ${TOKEN}` };
  const value = "/api/connections/default/db/0/key/value?key=hardening-upload";
  stderr = [];
  for (let round = 0; round < 10; round++) {
    await Promise.all([
      ...Array.from({ length: 20 }, () => abandonedUpload(value, "PUT", bearer)),
      ...Array.from({ length: 5 }, () => abandonedUpload("/api/auth/login", "POST", {})),
      ...Array.from({ length: 5 }, () => abandonedUpload("/", "POST", {})),
    ]);
  }
  await new Promise((r) => setTimeout(r, 1000)); // let the server finish logging, if it would
  expect(stderr.length, stderr.slice(0, 8).join("\n")).toBeLessThanOrEqual(1);
  const raw = new Redis(redis.url, { protocol: 2 });
  try {
    expect(await raw.exists("hardening-upload")).toBe(0);
  } finally {
    raw.disconnect();
  }
  expect((await fetch(`${base}/api/health`)).ok).toBe(true);
});

test("a page takes no body: a write to a page is 405 before Next reads it", async () => {
  const res = await fetch(`${base}/`, { method: "POST", body: "x" });
  expect(res.status).toBe(405);
  expect(res.headers.get("allow")).toBe("GET, HEAD");
});
