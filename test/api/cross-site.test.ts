import { describe, expect, it } from "vitest";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";

const redis = withRedisServer();
const params = { conn: "default", db: "0" };

describe("cross-site writes", () => {
  it("are refused with 403 FORBIDDEN and change nothing", async () => {
    await redis.raw.set("k", "v");
    for (const headers of [
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
      { origin: "null" },
    ]) {
      const { status, json } = await call(r.key.DELETE, {
        params,
        query: { key: "k" },
        method: "DELETE",
        headers,
      });
      expect(status, JSON.stringify(headers)).toBe(403);
      expect(json.error.code).toBe("FORBIDDEN");
    }
    expect(await redis.raw.get("k")).toBe("v");
    const same = await call(r.key.DELETE, {
      params,
      query: { key: "k" },
      method: "DELETE",
      headers: { origin: "http://localhost", "sec-fetch-site": "same-origin" },
    });
    expect(same.status).toBe(200);
  });
});
