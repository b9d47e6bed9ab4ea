import { readFileSync } from "node:fs";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { gunzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { Redis } from "ioredis";
import { startRedis } from "../scripts/lib/redis-server.mjs";
import { type ProductionServer, startProductionKeyscope } from "./production-server";

// The API fast path (scripts/lib/api-direct.mjs), through the real server and the production
// build: two Keyscopes on one redis-server, the same build, one with the fast path and one with
// KEYSCOPE_API_FAST_PATH=0 (every request through Next, as before). Their answers to the same
// GETs must be the same; a client that goes away mid-download must stop the Redis reads; and
// the fast path must actually be the one answering (its CPU per request is a fraction of Next's).

const PASSWORD = `direct-pw-${process.pid}`;
const TOKEN = `direct-token-${process.pid}`;
const AUTH = { authorization: `Bearer ${TOKEN}` };
const BIN_KEY = Buffer.from([0x62, 0x69, 0x6e, 0x3a, 0xff, 0xfe, 0x01]); // "bin:" + non-UTF-8
const BIN_VALUE = Buffer.from([0x00, 0xff, 0x10, 0x41, 0x80]);
const BIG_KEY = "big:download";
const BIG_BYTES = 64 * 1024 * 1024; // 64 GETRANGEs of 1 MiB when read to the end

type Server = ProductionServer;
let redis: Awaited<ReturnType<typeof startRedis>>;
let raw: Redis;
let fast: Server;
let next: Server;

const startKeyscope = (env: Record<string, string>) =>
  startProductionKeyscope(redis.url, {
    KEYSCOPE_PASSWORD: PASSWORD,
    KEYSCOPE_TOKEN: TOKEN,
    ...env,
  });

type Answer = { status: number; headers: IncomingHttpHeaders; body: Buffer };

/** One request with node:http: exact headers (Host included), no decoding of the body. */
function get(server: Server, path: string, headers: Record<string, string> = {}, method = "GET") {
  return new Promise<Answer>((resolve, reject) => {
    const req = httpRequest(`${server.base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

// What an answer is made of; Date, framing and Next's own Vary (rsc, router state) aside, and
// Content-Encoding: bodies are compared decoded, since Next gzips even a 29-byte answer and the
// fast path not under 1 KiB (checked on its own below).
const COMPARED = [
  "content-type",
  "cache-control",
  "content-disposition",
  "content-security-policy",
  "x-content-type-options",
  "referrer-policy",
  "x-frame-options",
  "set-cookie",
  "location",
];
const SECURITY = {
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
};

function comparable(a: Answer) {
  const headers: Record<string, unknown> = {};
  for (const name of COMPARED) if (a.headers[name] !== undefined) headers[name] = a.headers[name];
  const gz = a.headers["content-encoding"] === "gzip";
  return { status: a.status, headers, body: (gz ? gunzipSync(a.body) : a.body).toString("base64") };
}

/** The same request to both servers: the answers must agree. Returns the fast path's. */
async function same(path: string, headers: Record<string, string> = AUTH, method = "GET") {
  const [a, b] = await Promise.all([
    get(fast, path, headers, method),
    get(next, path, headers, method),
  ]);
  expect(comparable(a), `${method} ${path}`).toEqual(comparable(b));
  return a;
}

const key64 = (b: Buffer) => b.toString("base64url");
const DB = "/api/connections/default/db/0";

test.beforeAll(async () => {
  redis = await startRedis();
  raw = new Redis(redis.url, { protocol: 2 });
  await raw.set(BIN_KEY, BIN_VALUE);
  await raw.set("text:key", "plain");
  await raw.hset("user:1", "name", "Ada", "bio", "x".repeat(3000));
  for (let i = 0; i < 200; i++) await raw.set(`item:${String(i).padStart(3, "0")}`, `v${i}`);
  // 64 MiB by APPEND of 1 MiB chunks (one SET of it would be a 64 MiB command).
  const chunk = Buffer.alloc(1024 * 1024, "z");
  for (let n = 0; n < BIG_BYTES; n += chunk.length) await raw.append(BIG_KEY, chunk);
  [fast, next] = await Promise.all([
    startKeyscope({}),
    startKeyscope({ KEYSCOPE_API_FAST_PATH: "0" }),
  ]);
});

test.afterAll(async () => {
  fast?.proc.kill("SIGTERM");
  next?.proc.kill("SIGTERM");
  raw?.disconnect();
  await redis?.stop();
});

test("API reads answer the same through the fast path as through Next", async () => {
  await same("/api/health");
  await same("/api/connections");
  await same("/api/connections/default/databases");
  // a key page with a binary key (its JSON form is {"b64"}), paged
  const page = await same(`${DB}/keys?count=500&match=bin:*`);
  expect(JSON.parse(page.body.toString()).keys).toEqual([
    { key: { b64: BIN_KEY.toString("base64") }, type: "string", ttl: -1 },
  ]);
  await same(`${DB}/keys?count=50&match=item:*&meta=0`);
  // key details and value pages, binary and text, with params decoded the same way
  const details = await same(`${DB}/key?key64=${key64(BIN_KEY)}`);
  expect(JSON.parse(details.body.toString())).toMatchObject({ type: "string", length: 5 });
  const value = await same(`${DB}/key/value?key64=${key64(BIN_KEY)}`);
  expect(JSON.parse(value.body.toString()).value).toEqual({ b64: BIN_VALUE.toString("base64") });
  await same(`${DB}/key/value?key=user%3A1`);
  await same(`/api/connections/default/db/0/key?key=${encodeURIComponent("text:key")}`);
  // the download: the same bytes; the fast path keeps the route's content-length
  const dl = await same(`${DB}/key/download?key64=${key64(BIN_KEY)}`);
  expect(dl.body.equals(BIN_VALUE)).toBe(true);
  expect(dl.headers["content-length"]).toBe(String(BIN_VALUE.length));
  // errors: bad input, unknown key, connection and database, non-UTF-8 key=, and Next's own
  await same(`${DB}/keys?count=abc`);
  await same(`${DB}/key?key=missing`);
  await same("/api/connections/nope/databases");
  await same("/api/connections/default/db/99/keys");
  // Next re-encodes the query before the handler sees it (%FF becomes U+FFFD's bytes); the
  // server passes the target the client sent (x-keyscope-target), so both paths refuse it.
  await same(`${DB}/key?key=bin:%FF`);
  const bad = await get(fast, `${DB}/key?key=bin:%FF`, AUTH);
  expect(bad.status).toBe(400);
  expect(JSON.parse(bad.body.toString()).error.message).toMatch(/key64/);
  await same("/api/connections/def%2Fault/databases"); // an encoded slash: Next's match
  await same("/api/nope"); // no such route: Next's 404 page
  await same("/api/health/"); // Next's trailing-slash redirect
  await same(`${DB}/flush`); // a route without GET: Next's 405
});

test("a write through Next refuses key=bin:%FF instead of deleting bin:\\xEF\\xBF\\xBD", async () => {
  const replaced = Buffer.from("bin:\uFFFD"); // what Next's re-encoding would have made of it
  await raw.set(replaced, "keep me");
  try {
    for (const server of [fast, next]) {
      const res = await get(server, `${DB}/key?key=bin:%FF`, AUTH, "DELETE");
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body.toString()).error.message).toMatch(/key64/);
      // A client cannot switch the check off with a target of its own.
      const forged = { ...AUTH, "x-keyscope-target": `${DB}/key?key=fine` };
      expect((await get(server, `${DB}/key?key=bin:%FF`, forged, "DELETE")).status).toBe(400);
    }
    expect(await raw.exists(replaced)).toBe(1);
  } finally {
    await raw.del(replaced);
  }
});

test("HEAD answers with the GET's status and headers and no body", async () => {
  for (const path of [`${DB}/key?key64=${key64(BIN_KEY)}`, `${DB}/key/download?key=text:key`]) {
    const a = await same(path, AUTH, "HEAD");
    expect(a.status).toBe(200);
    expect(a.body.length).toBe(0);
  }
  expect((await same("/api/connections/nope/databases", AUTH, "HEAD")).status).toBe(404);
});

test("gzip for JSON when the client takes it, never for downloads or small answers", async () => {
  const gz = { ...AUTH, "accept-encoding": "gzip" };
  const big = await same(`${DB}/key/value?key=user%3A1`, gz);
  expect(big.headers["content-encoding"]).toBe("gzip");
  expect(big.headers.vary).toMatch(/Accept-Encoding/);
  const page = await same(`${DB}/keys?count=500&match=item:*`, gz);
  expect(page.headers["content-encoding"]).toBe("gzip");
  expect(JSON.parse(gunzipSync(page.body).toString()).keys).toHaveLength(200);
  expect((await get(next, `${DB}/key/value?key=user%3A1`, gz)).headers["content-encoding"]).toBe(
    "gzip",
  );
  expect((await same("/api/health", gz)).headers["content-encoding"]).toBeUndefined();
  const dl = await get(fast, `${DB}/key/download?key=user%3A1`, gz);
  expect(dl.status).toBe(409); // a hash: WRONG_TYPE, JSON, and small
  const bin = await same(`${DB}/key/download?key=${BIG_KEY.replace(":", "%3A")}`, gz);
  expect(bin.headers["content-encoding"]).toBeUndefined();
  expect(bin.body.length).toBe(BIG_BYTES);
  expect(bin.headers["content-length"]).toBe(String(BIG_BYTES));
  expect(
    (await same(`${DB}/key/value?key=user%3A1`, { ...AUTH, "accept-encoding": "gzip;q=0" }))
      .headers["content-encoding"],
  ).toBeUndefined();
});

test("the guard still runs: foreign Host 403, no session 401, a session cookie works", async () => {
  for (const path of ["/api/connections", `${DB}/keys?count=5`, "/api/health"]) {
    const a = await same(path, { ...AUTH, host: `rebind.attacker.example:${fast.port}` });
    expect(a.status, path).toBe(403);
    expect(a.headers).toMatchObject(SECURITY);
  }
  const anon = await same(`${DB}/keys?count=5`, {});
  expect(anon.status).toBe(401);
  expect(anon.headers).toMatchObject(SECURITY);
  expect(JSON.parse(anon.body.toString()).error.code).toBe("UNAUTHORIZED");
  const login = await fetch(`${fast.base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: fast.base },
    body: JSON.stringify({ password: PASSWORD }),
  });
  const cookie = /keyscope_session=[^;]+/.exec(login.headers.get("set-cookie") ?? "")?.[0];
  expect(cookie).toBeTruthy();
  const ok = await get(fast, `${DB}/key?key=text:key`, { cookie: cookie as string });
  expect(ok.status).toBe(200);
  expect(ok.headers).toMatchObject({ ...SECURITY, "cache-control": "no-store" });
});

/** The server's CPU time so far (user + system), from /proc, in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // 100 ticks/s on Linux
}

test("a client that goes away mid-download stops the Redis reads", async () => {
  const calls = async () => {
    const info = await raw.info("commandstats");
    return Number(/cmdstat_getrange:calls=(\d+)/.exec(info)?.[1] ?? 0);
  };
  const clients = async () =>
    Number(/connected_clients:(\d+)/.exec(await raw.info("clients"))?.[1]);
  // Warm the server's Redis connection first, so the count below is only the download's.
  expect((await get(fast, `${DB}/key?key=${BIG_KEY}`, AUTH)).status).toBe(200);
  const connected = await clients();
  const before = await calls();
  await new Promise<void>((resolve, reject) => {
    const req = httpRequest(`${fast.base}${DB}/key/download?key=${BIG_KEY}`, { headers: AUTH });
    req.on("response", (res) => {
      expect(res.headers["content-length"]).toBe(String(BIG_BYTES));
      res.once("data", () => {
        // One chunk in, and the client is gone: what the server reads now is for nobody.
        req.destroy();
        resolve();
      });
    });
    req.on("error", (e) => (e.message.includes("socket hang up") ? resolve() : reject(e)));
    req.end();
  });
  await new Promise((r) => setTimeout(r, 1000));
  const after = await calls();
  await new Promise((r) => setTimeout(r, 500));
  expect(await calls()).toBe(after); // stopped, not merely slow
  expect(after - before).toBeLessThan(16); // of 64 for the whole value
  expect(await clients()).toBe(connected); // no connection left behind
  expect(fast.stderr.filter((l) => /Error|failed/.test(l))).toEqual([]);
});

test("the fast path is the one answering, at a fraction of Next's CPU per request", async () => {
  // Next marks every answer it writes with its router's Vary; the fast path does not.
  for (const path of ["/api/health", `${DB}/keys?count=5`, `${DB}/key/download?key=text:key`]) {
    expect((await get(next, path, AUTH)).headers.vary, path).toMatch(/next-router-state-tree/);
    expect((await get(fast, path, AUTH)).headers.vary ?? "", path).not.toMatch(/rsc|next-router/);
  }
  const perRequest = async (server: Server) => {
    const pid = server.proc.pid as number;
    const run = (n: number) =>
      Promise.all(
        Array.from({ length: 10 }, async () => {
          for (let i = 0; i < n; i++)
            await (await fetch(`${server.base}/api/health`)).arrayBuffer();
        }),
      );
    await run(100); // warm-up
    const start = cpuMs(pid);
    await run(100);
    return (cpuMs(pid) - start) / 1000;
  };
  const direct = await perRequest(fast);
  const viaNext = await perRequest(next);
  console.log(
    `CPU per /api/health: fast path ${direct.toFixed(3)} ms, Next ${viaNext.toFixed(3)} ms`,
  );
  // One request at a time from fetch: 0.9 ms against 3.4–3.7 ms here; under load (autocannon)
  // 0.13–0.25 ms against ~1.5 ms (docs/benchmarks.md). Half leaves room for a noisy machine.
  expect(direct).toBeLessThan(viaNext / 2);
});
