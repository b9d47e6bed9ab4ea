import { describe, expect, it } from "vitest";
import { closeAllStreams } from "@/lib/redis/stream-slots";
import { send, withRedisServer } from "../harness";
import * as r from "../routes";
import { readStream } from "../sse";

// Every stream holds a Redis connection of its own: leaving must close it. 20 streams of each
// kind are opened and left (in waves, within KEYSCOPE_MAX_STREAMS), then connected_clients must
// be back where it was within 5 s.

const redis = withRedisServer({ env: { KEYSCOPE_MAX_STREAMS: "10" } });
const conn = { conn: "default" };

async function connectedClients(): Promise<number> {
  const info = await redis.raw.info("clients");
  return Number(info.match(/connected_clients:(\d+)/)?.[1]);
}

async function openAndLeave(kind: "pubsub" | "events", count: number) {
  const res =
    kind === "pubsub"
      ? await send(r.pubsubSubscribe.GET, { params: conn, query: `channel=c${count}&pattern=p*` })
      : await send(r.keyspaceEvents.GET, {
          params: { conn: "default", db: "0" },
          query: "match=k*",
        });
  expect(res.status).toBe(200);
  const stream = readStream(res);
  await stream.next(() => true); // subscribed
  return stream;
}

describe("pub/sub and events streams close their connections", () => {
  it("20 of each, opened and aborted, leave connected_clients where it was within 5 s", async () => {
    // Keyscope's shared client is opened by the first request; count after it exists.
    await send(r.pubsubChannels.GET, { params: conn });
    const before = await connectedClients();
    for (const kind of ["pubsub", "events"] as const) {
      for (let wave = 0; wave < 2; wave++) {
        const open = await Promise.all(
          Array.from({ length: 10 }, (_, i) => openAndLeave(kind, wave * 10 + i)),
        );
        expect(await connectedClients()).toBeGreaterThanOrEqual(before + 10);
        const left = Date.now();
        await Promise.all(open.map((s) => s.cancel()));
        await expect.poll(connectedClients, { timeout: 5000, interval: 50 }).toBe(before);
        console.log(`${kind} wave ${wave + 1}: clients back after ${Date.now() - left} ms`);
      }
    }
    const numpat = await redis.raw.pubsub("NUMPAT");
    expect(numpat).toBe(0);
  });

  it("a subscribe stream ends with reason error when Redis is killed under it", async () => {
    const stream = await openAndLeave("pubsub", 0);
    await redis.server.stop();
    const end = await stream.end(5000);
    expect(end.data).toMatchObject({ reason: "error" });
    closeAllStreams();
  });
});
