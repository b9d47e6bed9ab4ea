import { describe, expect, it } from "vitest";
import { closeAllClients } from "@/lib/redis/client";
import { call, withRedisServer } from "../harness";
import * as r from "../routes";

// Issue 9's "2,000 aborted slow uploads" right after start-up also printed Node's
// MaxListenersExceededWarning (3 lines and a hint): every request waiting for the Redis client
// to connect added its own listeners to it. They share one wait now.

withRedisServer();
const params = { conn: "default", db: "0" };

describe("a burst of requests while the Redis client connects", () => {
  it("is answered without a warning on the server's log", async () => {
    await closeAllClients(); // the next request makes a new client, still connecting
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on("warning", onWarning);
    try {
      const answers = await Promise.all(
        Array.from({ length: 40 }, () => call(r.keys.GET, { params, query: { count: "1" } })),
      );
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on next tick
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
  });
});
