import { handle } from "@/lib/api/route";
import { bounded } from "@/lib/audit";
import { pubsub } from "@/lib/endpoints";
import { publish } from "@/lib/redis/pubsub";
import { targetFor } from "@/lib/redis/target";

// POST /api/connections/{conn}/pubsub/publish – PUBLISH (or SPUBLISH) one message; how many
// clients received it
export const POST = handle(
  pubsub.pubsubPublish,
  async ({ conn, body }) => publish(targetFor(conn, 0), body.channel, body.message, body.sharded),
  // The audit line names the channel, never the message (a value).
  {
    describe: ({ body }) => ({ detail: { channel: bounded(body.channel, "detail.channel", []) } }),
  },
);
