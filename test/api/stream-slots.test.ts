import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/errors";
import { closeAllStreams, openStreamConnections, openStreamCount } from "@/lib/redis/stream-slots";
import { targetFor } from "@/lib/redis/target";
import { withRedisServer } from "../harness";

// Every stream's Redis connection is opened and closed here; KEYSCOPE_MAX_STREAMS bounds them.

const redis = withRedisServer({ env: { KEYSCOPE_MAX_STREAMS: "3" } });

const clientsNamed = async (name: string) =>
  ((await redis.raw.client("LIST")) as string)
    .split("\n")
    .filter((l) => l.includes(`name=${name} `)).length;

describe("stream connections", () => {
  it("opens one named connection a stream, refuses past the limit with 429, and closes on abort", async () => {
    const lives = [new AbortController(), new AbortController(), new AbortController()];
    const target = targetFor("default", 0);
    for (const life of lives) await openStreamConnections(target, "test", life.signal);
    expect(openStreamCount("default")).toBe(3);
    expect(await clientsNamed("keyscope-test")).toBe(3);
    const refused = await openStreamConnections(target, "test", new AbortController().signal).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe("TOO_MANY_REQUESTS");
    expect((refused as ApiError).retryAfterSeconds).toBeGreaterThan(0);
    expect(await clientsNamed("keyscope-test")).toBe(3); // the refusal opened nothing
    lives[0]?.abort();
    expect(openStreamCount("default")).toBe(2);
    await openStreamConnections(target, "test", new AbortController().signal); // a slot is free again
    closeAllStreams();
    expect(openStreamCount("default")).toBe(0);
    await expect.poll(() => clientsNamed("keyscope-test"), { timeout: 5000 }).toBe(0);
  });

  it("closes at once, and frees its slot, when the stream is already over", async () => {
    const life = new AbortController();
    life.abort();
    await openStreamConnections(targetFor("default", 0), "test", life.signal);
    expect(openStreamCount("default")).toBe(0);
  });
});
