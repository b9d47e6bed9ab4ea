import { describe, expect, it } from "vitest";
import { openStreamCount } from "@/lib/redis/stream-slots";
import { asRestrictedUser, call, withRedisServer } from "../harness";
import * as r from "../routes";

// Managed services and careful operators take MONITOR away (ACL -monitor): the profiler says so
// before a stream starts, and keeps no connection.

const redis = withRedisServer();

describe("the profiler for a user without MONITOR", () => {
  it("answers 403 FORBIDDEN naming the refusal, and gives its slot back", async () => {
    await asRestrictedUser(redis, ["-monitor"], async () => {
      const res = await call(r.monitor.GET, { params: { conn: "default" }, query: "seconds=5" });
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("FORBIDDEN");
      expect(res.json.error.message).toMatch(/NOPERM|monitor/i);
      expect(openStreamCount("default")).toBe(0);
    });
  });
});
