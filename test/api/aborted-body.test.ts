import { afterEach, describe, expect, it, vi } from "vitest";
import { bodyBytesInFlight } from "@/lib/api/body";
import { withRedisServer } from "../harness";
import * as r from "../routes";

// Issue 9: "2,000 aborted slow uploads print ~8,000 lines of stack traces". A client that goes
// away mid-upload makes Node's request stream fail with `Error: aborted` (ECONNRESET); that is
// the client's doing, not a server fault, so it ends quietly: an error answer nobody reads, the
// body's bytes back in the budget, and nothing on the server's log. The same through the real
// server: e2e/server-hardening.spec.ts.

const redis = withRedisServer();
const params = { conn: "default", db: "0" };

/** Node's error when the socket closes before the declared body arrived. */
function abortedError(): Error {
  return Object.assign(new Error("aborted"), { code: "ECONNRESET" });
}

/** A PUT whose body sends `sent` and then fails as a client that went away makes it fail. */
function abortedUpload(sent: string): Promise<Response> {
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new TextEncoder().encode(sent));
      setTimeout(() => c.error(abortedError()), 10);
    },
  });
  const req = new Request("http://localhost/api/connections/default/db/0/key/value?key=up", {
    method: "PUT",
    headers: { host: "localhost", "content-type": "application/json" },
    body,
    duplex: "half",
  } as RequestInit);
  return r.value.PUT(req, { params: Promise.resolve(params) });
}

describe("an upload the client abandons", () => {
  afterEach(() => vi.restoreAllMocks());

  it("ends with a 400 and no server log line, writes nothing and holds no bytes", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const warned = vi.spyOn(console, "warn").mockImplementation(() => {});
    const res = await abortedUpload(`{"value":"${"x".repeat(50_000)}`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("BAD_REQUEST");
    expect(logged).not.toHaveBeenCalled();
    expect(warned).not.toHaveBeenCalled();
    expect(bodyBytesInFlight()).toBe(0);
    expect(await redis.raw.exists("up")).toBe(0);
  });

  it("still logs a genuine failure of the server while reading (not a client's abort)", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const body = new ReadableStream<Uint8Array>({
      start: (c) => c.error(new TypeError("something broke inside the server")),
    });
    const req = new Request("http://localhost/api/connections/default/db/0/key/value?key=up", {
      method: "PUT",
      headers: { host: "localhost", "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    const res = await r.value.PUT(req, { params: Promise.resolve(params) });
    expect(res.status).toBe(500);
    expect(logged).toHaveBeenCalledTimes(1);
  });
});
