import { handle } from "@/lib/api/route";
import { eventStream, streamLife } from "@/lib/api/sse";
import { pubsub } from "@/lib/endpoints";
import { runSubscription } from "@/lib/redis/pubsub";
import { openStreamConnection } from "@/lib/redis/stream-slots";
import { targetFor } from "@/lib/redis/target";

// GET /api/connections/{conn}/pubsub/subscribe – a stream of the messages on channels and patterns
export const GET = handle(pubsub.pubsubSubscribe, async ({ conn, query, req }) => {
  const life = streamLife(req);
  const client = await openStreamConnection(targetFor(conn, 0), "pubsub", life.signal);
  return eventStream(req, (sink) => runSubscription(client, query, sink), { life });
});
