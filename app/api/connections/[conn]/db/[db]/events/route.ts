import { handle } from "@/lib/api/route";
import { eventStream, streamLife } from "@/lib/api/sse";
import { pubsub } from "@/lib/endpoints";
import { runKeyspaceEvents } from "@/lib/redis/keyspace-events";
import { readNotifySetting } from "@/lib/redis/notify-setting";
import { openStreamConnections } from "@/lib/redis/stream-slots";
import { targetFor } from "@/lib/redis/target";

// GET /api/connections/{conn}/db/{db}/events – a stream of keyspace notifications for matching keys
export const GET = handle(pubsub.keyspaceEvents, async ({ conn, db, query, req }) => {
  const target = targetFor(conn, db);
  const setting = await readNotifySetting(target);
  const life = streamLife(req);
  // One subscriber per master (on a cluster, events are published on the node that holds the key).
  const nodes = await openStreamConnections(target, "events", life.signal);
  const clients = nodes.map((n) => n.client);
  return eventStream(
    req,
    (sink) => runKeyspaceEvents(clients, { db, match: query.match, setting }, sink),
    {
      life,
    },
  );
});
