import { handle } from "@/lib/api/route";
import { eventStream, streamLife } from "@/lib/api/sse";
import { profiler } from "@/lib/endpoints";
import { profile, startMonitor } from "@/lib/redis/monitor";
import { openStreamConnection } from "@/lib/redis/stream-slots";
import { firstServerNode, targetFor } from "@/lib/redis/target";

// GET /api/connections/{conn}/monitor – MONITOR as a stream, filtered, for at most `seconds`
export const GET = handle(profiler.monitor, async ({ conn, query, req }) => {
  const life = streamLife(req);
  // MONITOR shows every database; db 0 is only where the connection starts.
  const target = targetFor(conn, 0);
  // A shared client watches how much MONITOR output Redis holds for Keyscope (lib/redis/monitor.ts).
  const watch = await firstServerNode(target);
  const client = await openStreamConnection(target, "monitor", life.signal);
  // Started before the stream, so that a refusal (ACL NOPERM) is the HTTP answer; the slot
  // and its connection are given back whatever happens.
  const feed = await startMonitor(client).catch((e: unknown) => {
    life.abort();
    throw e;
  });
  const { seconds, ...filter } = query;
  return eventStream(req, (sink) => profile(client, feed, { filter, seconds, watch }, sink), {
    life,
  });
});
