import { handle } from "@/lib/api/route";
import { pubsub } from "@/lib/endpoints";
import { listChannels } from "@/lib/redis/pubsub-channels";
import { targetFor } from "@/lib/redis/target";

// GET /api/connections/{conn}/pubsub/channels – active channels (sharded too) with subscriber counts, and NUMPAT
export const GET = handle(pubsub.pubsubChannels, async ({ conn, query }) =>
  listChannels(targetFor(conn, 0), query.match),
);
