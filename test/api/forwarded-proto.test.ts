import { afterEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { send, withRedisServer } from "../harness";
import * as r from "../routes";

// Issue 9: `x-forwarded-proto: https` made the session cookie Secure whoever sent it. Only a
// trusted proxy (KEYSCOPE_TRUST_PROXY) may say the client came over HTTPS; scripts/server.mjs
// drops the header otherwise, and the cookie code must not read it either.

const PASSWORD = "forwarded-proto password";
withRedisServer({ env: { KEYSCOPE_PASSWORD: PASSWORD } });

async function loginCookie(headers: Record<string, string>, client: string): Promise<string> {
  const res = await send(r.login.POST, {
    body: { password: PASSWORD },
    headers: { "x-keyscope-client": client, ...headers },
  });
  expect(res.status).toBe(200);
  return res.headers.get("set-cookie") ?? "";
}

function trustProxy(value: string | undefined): void {
  if (value === undefined) delete process.env.KEYSCOPE_TRUST_PROXY;
  else process.env.KEYSCOPE_TRUST_PROXY = value;
  resetConfigForTests();
}

describe("x-forwarded-proto", () => {
  afterEach(() => trustProxy(undefined));

  it("is ignored without a trusted proxy: the cookie stays without Secure", async () => {
    trustProxy(undefined);
    const cookie = await loginCookie({ "x-forwarded-proto": "https" }, "10.1.0.1");
    expect(cookie).toMatch(/keyscope_session=/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it("makes the cookie Secure when it comes from a trusted proxy", async () => {
    trustProxy("1");
    expect(await loginCookie({ "x-forwarded-proto": "https" }, "10.1.0.2")).toMatch(/; Secure/);
    expect(await loginCookie({ "x-forwarded-proto": "http" }, "10.1.0.3")).not.toMatch(/Secure/);
    expect(await loginCookie({}, "10.1.0.4")).not.toMatch(/Secure/);
  });

  it("behind two proxies, reads what the outer trusted proxy said, not what the client sent", async () => {
    trustProxy("2");
    // Each proxy appends the scheme it was reached by: the client wrote "https" itself, then
    // the outer proxy (reached over plain HTTP) appended "http" and the inner one "http".
    const spoofed = { "x-forwarded-proto": "https, http, http" };
    expect(await loginCookie(spoofed, "10.1.0.5")).not.toMatch(/Secure/);
    expect(await loginCookie({ "x-forwarded-proto": "https, http" }, "10.1.0.6")).toMatch(
      /; Secure/,
    );
  });
});
