import { describe, expect, it } from "vitest";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";

// Writes a browser on another site could send: without Origin (older browsers, some
// extensions, a `Referrer-Policy` that strips it) the Referer still says where it came from;
// and a "simple" cross-site POST (text/plain, a form) needs no CORS preflight, so a write whose
// body is not JSON is refused even where the route reads no body.

const redis = withRedisServer();
const params = { conn: "default", db: "0" };
const del = (headers: Record<string, string>) =>
  call(r.key.DELETE, { params, query: { key: "k" }, headers });

describe("a write without Origin", () => {
  it("is refused when its Referer names another site, and changes nothing", async () => {
    await redis.raw.set("k", "v");
    for (const referer of [
      "https://evil.example/page",
      "http://localhost.evil.example/",
      "http://localhost:3001/x", // another port is another origin's page
      "not a url",
    ]) {
      const { status, json } = await del({ referer });
      expect(status, referer).toBe(403);
      expect(json.error.code, referer).toBe("FORBIDDEN");
    }
    expect(await redis.raw.get("k")).toBe("v");
  });

  it("is allowed with this site's Referer, or none (scripts)", async () => {
    await redis.raw.set("k", "v");
    expect((await del({ referer: "http://localhost/c/default/db/0?key=k" })).status).toBe(200);
    await redis.raw.set("k", "v");
    expect((await del({})).status).toBe(200);
  });
});

describe("a write's content type", () => {
  it("must be JSON when the write carries one, even where the route reads no body", async () => {
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
    ]) {
      const { status, json } = await call(r.bgsave.POST, {
        params: { conn: "default" },
        body: "x",
        headers: { "content-type": type },
      });
      expect(status, type).toBe(400);
      expect(json.error.code, type).toBe("BAD_REQUEST");
      expect(json.error.message, type).toMatch(/application\/json/);
    }
  });

  it("may be absent on a write without a body, or JSON", async () => {
    for (const headers of [{}, { "content-type": "application/json" }]) {
      await noBgsaveRunning();
      const { status } = await call(r.bgsave.POST, { params: { conn: "default" }, headers });
      expect(status, JSON.stringify(headers)).toBe(202);
    }
  });
});

/** BGSAVE answers 409 while one runs (an earlier case may have started one). */
async function noBgsaveRunning(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (!(await redis.raw.info("persistence")).includes("rdb_bgsave_in_progress:1")) return;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error("BGSAVE still running after 5 s");
}
