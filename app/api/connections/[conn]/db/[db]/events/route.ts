import { handle } from "@/lib/api/route";
import { eventStream, streamLife } from "@/lib/api/sse";
import { pubsub } from "@/lib/endpoints";
import { readNotifySetting, runKeyspaceEvents } from "@/lib/redis/keyspace-events";
import { openStreamConnection } from "@/lib/redis/stream-slots";
import { targetFor } from "@/lib/redis/target";

// GET /api/connections/{conn}/db/{db}/events – a stream of keyspace notifications for matching keys
export const GET = handle(pubsub.keyspaceEvents, async ({ conn, db, query, req }) => {
  const target = targetFor(conn, db);
  const setting = await readNotifySetting(target);
  const life = streamLife(req);
  const client = await openStreamConnection(target, "events", life.signal);
  return eventStream(
    req,
    (sink) => runKeyspaceEvents(client, { db, match: query.match, setting }, sink),
    {
      life,
    },
  );
});
