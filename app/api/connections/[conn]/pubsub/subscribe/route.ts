import { handle } from "@/lib/api/route";
import { eventStream, streamLife } from "@/lib/api/sse";
import { pubsub } from "@/lib/endpoints";
import { planSubscription, runSubscription } from "@/lib/redis/pubsub";
import { openStreamConnections } from "@/lib/redis/stream-slots";
import { targetFor } from "@/lib/redis/target";

// GET /api/connections/{conn}/pubsub/subscribe – a stream of the messages on channels, patterns
// and sharded channels
export const GET = handle(pubsub.pubsubSubscribe, async ({ conn, query, req }) => {
  const target = targetFor(conn, 0);
  // Connections only where needed: the masters of the sharded channels' slots, or one master.
  const plan = await planSubscription(target, query);
  const life = streamLife(req);
  const nodes = await openStreamConnections(target, "pubsub", life.signal, { only: plan.only });
  return eventStream(req, (sink) => runSubscription(nodes, plan, query, sink), { life });
});
