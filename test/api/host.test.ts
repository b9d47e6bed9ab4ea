import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { proxy } from "@/proxy";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";

// DNS rebinding: a page on rebind.attacker.example re-points its name at 127.0.0.1, and the
// browser then sends Keyscope same-origin requests with `Host: rebind.attacker.example:3000` and
// a matching Origin. Only Host tells them apart, so a Host that is not this server's name is
// refused, reads included.

const redis = withRedisServer();
const params = { conn: "default", db: "0" };

function withEnv(env: Record<string, string | undefined>, fn: () => Promise<void>) {
  return async () => {
    const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetConfigForTests();
    try {
      await fn();
    } finally {
      for (const [k, v] of Object.entries(before)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      resetConfigForTests();
    }
  };
}

/** A read and a write, as a rebinding page would send them. */
async function readAndWrite(host: string) {
  const origin = `http://${host}`;
  const read = await call(r.keys.GET, { params, headers: { host, origin } });
  const write = await call(r.key.DELETE, {
    params,
    query: { key: "k" },
    headers: { host, origin, "sec-fetch-site": "same-origin" },
  });
  return [read, write];
}

async function expectRefused(host: string) {
  for (const { status, json } of await readAndWrite(host)) {
    expect(status, host).toBe(403);
    expect(json.error.code, host).toBe("FORBIDDEN");
    expect(json.error.message, host).toMatch(
      /KEYSCOPE_ALLOWED_HOSTS|Host header is missing or malformed/,
    );
  }
  expect(await redis.raw.get("k"), host).toBe("v");
}

async function expectAllowed(host: string) {
  await redis.raw.set("k", "v");
  const [read, write] = await readAndWrite(host);
  expect(read?.status, host).toBe(200);
  expect(write?.status, host).toBe(200);
  expect(await redis.raw.exists("k"), host).toBe(0);
}

const FOREIGN = [
  "rebind.attacker.example:3000",
  "rebind.attacker.example",
  "localhost.attacker.example:3000",
  "127.0.0.1.nip.io:3000",
  "LOCALHOST.attacker.example",
  "attacker.example:3000@localhost",
  "localhost:3000@attacker.example",
  "localhost\\@attacker.example",
  "[::1].attacker.example",
  "localhost..",
  "",
];

describe("the Host header", () => {
  it("refuses a name that is not this server's, for reads and writes", async () => {
    await redis.raw.set("k", "v");
    for (const host of FOREIGN) await expectRefused(host);
  });

  it("refuses it on the open routes too (health, login)", async () => {
    const host = "rebind.attacker.example:3000";
    const health = await call(r.health.GET, { headers: { host } });
    expect(health.status).toBe(403);
    const login = await call(r.login.POST, {
      body: { password: "x" },
      headers: { host, origin: `http://${host}` },
    });
    expect(login.status).toBe(403);
  });

  it("answers loopback names with any port, in any case, with a trailing dot", async () => {
    for (const host of [
      "localhost",
      "localhost:3000",
      "LOCALHOST:3000",
      "localhost.:3000",
      "127.0.0.1",
      "127.0.0.1:49152",
      "[::1]:3000",
      "[::1]",
    ])
      await expectAllowed(host);
  });

  it(
    "answers the names in KEYSCOPE_ALLOWED_HOSTS, and no names that merely contain them",
    withEnv(
      { KEYSCOPE_ALLOWED_HOSTS: " keyscope.example.com, Redis.Internal. ,10.0.0.7" },
      async () => {
        for (const host of [
          "keyscope.example.com",
          "KEYSCOPE.example.com:443",
          "keyscope.example.com.",
          "redis.internal:3000",
          "10.0.0.7:3000",
          "localhost:3000",
        ])
          await expectAllowed(host);
        await redis.raw.set("k", "v");
        for (const host of [
          "keyscope.example.com.attacker.example",
          "example.com",
          "xkeyscope.example.com",
          "10.0.0.70",
          ...FOREIGN,
        ])
          await expectRefused(host);
      },
    ),
  );

  it(
    "answers the address HOST names when the operator chose a non-loopback one",
    withEnv({ HOST: "192.168.7.20", KEYSCOPE_INSECURE: "1" }, async () => {
      await expectAllowed("192.168.7.20:3000");
      await redis.raw.set("k", "v");
      await expectRefused("192.168.7.21:3000");
      await expectRefused("rebind.attacker.example:3000");
    }),
  );
});

describe("pages (proxy.ts)", () => {
  const page = (host: string) =>
    proxy(new NextRequest("http://localhost:3000/c/default/db/0", { headers: { host } }));

  it("refuse a foreign Host before anything is rendered", () => {
    for (const host of [
      "rebind.attacker.example:3000",
      "localhost.attacker.example",
      "127.0.0.1.nip.io",
    ]) {
      const res = page(host);
      expect(res.status, host).toBe(403);
      expect(res.headers.get("x-middleware-next"), host).toBeNull();
    }
  });

  it("let loopback names through", () => {
    for (const host of ["localhost:3000", "127.0.0.1:3000", "[::1]:3000", "LocalHost."]) {
      expect(page(host).status, host).toBe(200);
    }
  });
});
