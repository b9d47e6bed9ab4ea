import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { closeAllStreams, openStreamCount } from "@/lib/redis/stream-slots";
import { send, withRedisServer } from "../harness";
import * as r from "../routes";

// A Redis that accepts connections but answers nothing (CLIENT PAUSE, a long script, a stuck
// host): opening a stream must not hang the request, nor keep its slot.

const redis = withRedisServer({ env: { KEYSCOPE_CONNECT_TIMEOUT_MS: "500" } });
const conn = { conn: "default" };

describe("streams on a hung Redis", () => {
  it("answer 503 within the connect timeout, and give their slot back", async () => {
    const pauser = new Redis(redis.server.url, { protocol: 2 });
    try {
      await pauser.call("CLIENT", "PAUSE", "4000", "ALL");
      const opens = [
        () => send(r.monitor.GET, { params: conn, query: "seconds=5" }),
        () => send(r.pubsubSubscribe.GET, { params: conn, query: "channel=c" }),
        () => send(r.keyspaceEvents.GET, { params: { conn: "default", db: "0" } }),
      ];
      for (const open of opens) {
        const t0 = Date.now();
        const res = await open();
        const ms = Date.now() - t0;
        if (res.status !== 503) await res.body?.cancel();
        expect(res.status).toBe(503);
        expect(ms).toBeLessThan(2500);
      }
      expect(openStreamCount("default")).toBe(0);
    } finally {
      await pauser.call("CLIENT", "UNPAUSE").catch(() => {});
      pauser.disconnect();
      closeAllStreams();
    }
  }, 20_000);
});
