import { connectionParams, dbParams } from "@/lib/schemas/connections";
import {
  channelsQuery,
  channelsResult,
  eventsQuery,
  keyspaceEvent,
  publishBody,
  publishResult,
  subscribeEvent,
  subscribeQuery,
} from "@/lib/schemas/pubsub";
import { CONN, DB, endpoint, events } from "./define";

// Pub/Sub and keyspace notifications (docs/tools.md, "Pub/Sub" and "Keyspace events").

export const pubsubChannels = endpoint({
  method: "GET",
  path: `${CONN}/pubsub/channels`,
  summary:
    "Active channels (PUBSUB CHANNELS and SHARDCHANNELS, of every node; at most 1000) with subscriber counts, and NUMPAT",
  params: connectionParams,
  query: channelsQuery,
  response: channelsResult,
});

export const pubsubSubscribe = endpoint({
  method: "GET",
  path: `${CONN}/pubsub/subscribe`,
  summary:
    "Stream of messages on channels, patterns and sharded channels (SUBSCRIBE/PSUBSCRIBE/SSUBSCRIBE on connections of their own)",
  params: connectionParams,
  query: subscribeQuery,
  response: events(subscribeEvent),
});

export const pubsubPublish = endpoint({
  method: "POST",
  path: `${CONN}/pubsub/publish`,
  summary: "PUBLISH (or SPUBLISH, `sharded`) one message; answers how many clients received it",
  params: connectionParams,
  body: publishBody,
  response: publishResult,
});

export const keyspaceEvents = endpoint({
  method: "GET",
  path: `${DB}/events`,
  summary: "Stream of keyspace notifications for keys matching `match`, after the server's setting",
  params: dbParams,
  query: eventsQuery,
  response: events(keyspaceEvent),
});
