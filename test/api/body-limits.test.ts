import { describe, expect, it } from "vitest";
import { bodyBytesInFlight } from "@/lib/api/body";
import { call, send, withRedisServer } from "../harness";
import * as r from "../routes";

// Issue 9: bodies are read only after auth, bounded per request (small on routes without
// login) and across requests, and parsed only when they nest shallowly; a malformed login
// counts as a failed one.

const PASSWORD = "correct horse battery staple";
const TOKEN = "body-limits-token-123456";
const MAX = 1024 * 1024;
const redis = withRedisServer({
  env: { KEYSCOPE_PASSWORD: PASSWORD, KEYSCOPE_TOKEN: TOKEN, KEYSCOPE_MAX_BODY_BYTES: String(MAX) },
});
const params = { conn: "default", db: "0" };
const bearer = { authorization: `Bearer ${TOKEN}` };
const valueUrl = "http://localhost/api/connections/default/db/0/key/value?key=k";

/** `{"password":[[[…]]]}`, nested `depth` deep: the body that froze the server. */
function nested(depth: number): string {
  return `{"password":${"[".repeat(depth)}${"]".repeat(depth)}}`;
}

/** A request whose body the test feeds by hand, recording whether Keyscope ever pulled it. */
function streamed(
  handler: typeof r.value.PUT | typeof r.login.POST,
  url: string,
  headers: Record<string, string>,
) {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const state = { pulls: 0 };
  const body = new ReadableStream<Uint8Array>(
    {
      start: (c) => {
        controller = c;
      },
      pull: () => {
        state.pulls++;
      },
    },
    { highWaterMark: 0 }, // nothing is asked for until someone reads
  );
  const req = new Request(url, {
    method: handler.endpoint.method,
    headers: { host: "localhost", "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  } as RequestInit);
  const answer = handler(req, { params: Promise.resolve(params) });
  const push = (text: string) => controller.enqueue(new TextEncoder().encode(text));
  return { answer, state, push, close: () => controller.close() };
}

const streamedPut = (headers: Record<string, string>) => streamed(r.value.PUT, valueUrl, headers);

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((res) => setTimeout(res, 5));
  }
}

describe("login bodies", () => {
  it("parallel 1 MB nested bodies are refused at once and /api/health keeps answering", async () => {
    // Under this file's 1 MiB limit for logged-in writes, so only the login limit refuses them
    // (each cost JSON.parse ~0.3 s before; 10 MB ones ~3 s).
    const body = nested(500_000);
    const started = performance.now();
    const floods = Array.from({ length: 8 }, () =>
      send(r.login.POST, { body, headers: { "x-keyscope-client": "10.5.0.1" } }),
    );
    const health: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      expect((await call(r.health.GET)).status).toBe(200);
      health.push(performance.now() - t);
    }
    const answers = await Promise.all(floods);
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(413));
    expect(Math.max(...health)).toBeLessThan(200);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("counts malformed logins as failures: the 6th bad login gets 429", async () => {
    const client = { "x-keyscope-client": "10.5.0.2" };
    const bad = [
      { body: "not json" },
      { body: {} },
      { body: { password: [1] } },
      { body: nested(100) },
      { body: "x".repeat(40_000) },
    ];
    const statuses = [];
    for (const b of bad)
      statuses.push((await call(r.login.POST, { ...b, headers: client })).status);
    expect(statuses).toEqual([400, 400, 400, 400, 413]);
    const sixth = await send(r.login.POST, { body: { password: PASSWORD }, headers: client });
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get("retry-after"))).toBeGreaterThan(0);
    // A throttled client's body is not even read.
    const unread = streamed(r.login.POST, "http://localhost/api/auth/login", client);
    expect((await unread.answer).status).toBe(429);
    expect(unread.state.pulls).toBe(0);
  });

  it("takes the longest password the schema allows", async () => {
    const res = await call(r.login.POST, {
      body: { password: "p".repeat(4096) },
      headers: { "x-keyscope-client": "10.5.0.3" },
    });
    expect(res.status).toBe(401); // wrong, but read and checked
  });
});

describe("JSON nesting", () => {
  it("refuses a body nested deeper than 64 before parsing it, naming the limit", async () => {
    const res = await call(r.ttl.PUT, {
      params,
      query: { key: "k" },
      body: `{"ttl":${"[".repeat(65)}${"]".repeat(65)}}`,
      headers: bearer,
    });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain("nests deeper than 64");
  });

  it("does not count brackets inside strings", async () => {
    const value = `[{"\\"[[${"[".repeat(1000)}`;
    const res = await call(r.value.PUT, {
      params,
      query: { key: "k" },
      body: { value },
      headers: bearer,
    });
    expect(res.status).toBe(200);
    expect(await redis.raw.get("k")).toBe(value);
  });
});

describe("bodies before auth", () => {
  it("refuses a 10 MB write without credentials without pulling its body", async () => {
    const put = streamedPut({ "content-length": String(10 * 1024 * 1024) });
    const res = await put.answer;
    expect(res.status).toBe(401);
    expect(put.state.pulls).toBe(0);
    expect(bodyBytesInFlight()).toBe(0);
  });
});

describe("bodies in flight", () => {
  it("holds at most 4 × the body limit at once: 413 with retry-after beyond, freed after", async () => {
    const chunk = "x".repeat(100_000);
    const slow = Array.from({ length: 4 }, () => {
      const put = streamedPut(bearer);
      put.push('{"value":"');
      for (let i = 0; i < 10; i++) put.push(chunk);
      return put;
    });
    await until(() => bodyBytesInFlight() >= 4 * 1_000_000);
    const full = await send(r.value.PUT, {
      params,
      query: { key: "k" },
      body: { value: "y".repeat(300_000) },
      headers: bearer,
    });
    expect(full.status).toBe(413);
    expect(full.headers.get("retry-after")).toBe("1");
    for (const put of slow) {
      put.push('"}');
      put.close();
    }
    expect((await Promise.all(slow.map((p) => p.answer))).map((a) => a.status)).toEqual([
      200, 200, 200, 200,
    ]);
    expect(bodyBytesInFlight()).toBe(0);
    const after = await call(r.value.PUT, {
      params,
      query: { key: "k" },
      body: { value: "y".repeat(300_000) },
      headers: bearer,
    });
    expect(after.status).toBe(200);
  });
});

describe("API headers", () => {
  it("every answer, refusals included, carries them (the proxy does not run for /api)", async () => {
    for (const res of [await send(r.health.GET), await send(r.connections.GET)]) {
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-security-policy")).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      expect(res.headers.get("x-frame-options")).toBe("DENY");
    }
  });
});
