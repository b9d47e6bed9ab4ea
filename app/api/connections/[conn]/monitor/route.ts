import { handle } from "@/lib/api/route";
import { eventStream, streamLife } from "@/lib/api/sse";
import { profiler } from "@/lib/endpoints";
import { profile, startMonitors } from "@/lib/redis/monitor";
import { targetFor } from "@/lib/redis/target";

// GET /api/connections/{conn}/monitor – MONITOR as a stream, filtered, for at most `seconds`;
// on a cluster every master's (or `node`'s), merged, each line naming its node
export const GET = handle(profiler.monitor, async ({ conn, query, req }) => {
  const life = streamLife(req);
  // MONITOR shows every database; db 0 is only where the connection starts.
  const target = targetFor(conn, 0);
  const { seconds, node, ...filter } = query;
  // Started before the stream, so that a refusal (unknown node, ACL NOPERM) is the HTTP answer;
  // the slot and its connections are given back whatever happens.
  const watched = await startMonitors(target, node, life.signal).catch((e: unknown) => {
    life.abort();
    throw e;
  });
  return eventStream(req, (sink) => profile(watched, { filter, seconds }, sink), { life });
});
