import { z } from "zod";
import { base64ToBytes, toBuffer, utf8Bytes } from "@/lib/bytes";
import { jsonBytes, keyQueryShape, matchFromQuery } from "./bytes";
import { checkedMatch, matchProblem } from "./match";

// Pub/Sub and keyspace events (docs/tools.md, "Pub/Sub", "Keyspace events"): what the routes
// take and what their streams send. Shared by the server and the pages.

export const PUBSUB_LIMITS = {
  /**
   * Channels, patterns and sharded channels of one subscribe stream together: one URL stays well
   * under 8 KiB.
   */
  maxSubscriptions: 64,
  /** Bytes of one channel name (a name, not a payload). */
  maxChannelBytes: 1024,
  /** Channels listed by PUBSUB CHANNELS before the answer says `truncated`. */
  maxListedChannels: 1000,
  /**
   * Bytes of a message delivered to the browser: a 512 MB message must not reach it whole. The
   * cut event keeps the first bytes and says `cut` with the full `length`.
   */
  maxMessageBytes: 64 * 1024,
} as const;

const base64Url = keyQueryShape.key64.unwrap();
/** A query parameter that may repeat: one string or several. */
const repeated = (item: z.ZodString) => z.union([item, z.array(item)]).optional();
const list = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

export const channelsQuery = z
  .strictObject({ match: z.string().max(4096).optional(), match64: keyQueryShape.key64 })
  .transform((q, ctx) => ({ match: checkedMatch(matchFromQuery(q), ctx) }));

export const subscribeQuery = z
  .strictObject({
    channel: repeated(z.string()),
    channel64: repeated(base64Url),
    pattern: repeated(z.string()),
    pattern64: repeated(base64Url),
    /** Sharded channels (SSUBSCRIBE): on a cluster, each on the master that owns its slot. */
    shard: repeated(z.string()),
    shard64: repeated(base64Url),
  })
  .transform((q, ctx) => {
    const bytes = (text: string[], b64: string[]) => [
      ...text.map((t) => toBuffer(utf8Bytes(t))),
      ...b64.map((t) => toBuffer(base64ToBytes(t))),
    ];
    const channels = bytes(list(q.channel), list(q.channel64));
    const patterns = bytes(list(q.pattern), list(q.pattern64));
    const shards = bytes(list(q.shard), list(q.shard64));
    const { maxSubscriptions, maxChannelBytes } = PUBSUB_LIMITS;
    const total = channels.length + patterns.length + shards.length;
    if (total === 0)
      ctx.addIssue({
        code: "custom",
        message: "give at least one channel, pattern or sharded channel",
        path: [],
      });
    if (total > maxSubscriptions)
      ctx.addIssue({
        code: "custom",
        message: `${total} channels, patterns and sharded channels; at most ${maxSubscriptions} per stream`,
        path: [],
      });
    for (const name of shards)
      if (name.length === 0 || name.length > maxChannelBytes)
        ctx.addIssue({
          code: "custom",
          message: `a sharded channel is 1 to ${maxChannelBytes} bytes`,
          path: ["shard"],
        });
    for (const name of [...channels, ...patterns])
      if (name.length === 0 || name.length > maxChannelBytes)
        ctx.addIssue({
          code: "custom",
          message: `a channel or pattern is 1 to ${maxChannelBytes} bytes`,
          path: ["channel"],
        });
    // Redis matches every published message against every pattern: a hostile glob would cost
    // each PUBLISH what it costs a SCAN step, so the same limits apply.
    for (const p of patterns) {
      const problem = matchProblem(p);
      if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["pattern"] });
    }
    return { channels, patterns, shards };
  });

export const channelsResult = z.object({
  channels: z.array(
    z.object({
      channel: jsonBytes,
      /** Summed over the nodes (on a cluster each node counts its own clients). */
      subscribers: z.number(),
      /** A sharded channel (PUBSUB SHARDCHANNELS, Redis 7+); a name may be listed both ways. */
      sharded: z.literal(true).optional(),
    }),
  ),
  /** PUBSUB NUMPAT: patterns subscribed by every client together (summed over the nodes). */
  patterns: z.number(),
  truncated: z.literal(true).optional(),
});

export const publishBody = z.strictObject({
  channel: jsonBytes,
  message: jsonBytes,
  /** SPUBLISH (Redis 7+): on a cluster, sent to the master that owns the channel's slot. */
  sharded: z.boolean().optional(),
});
export const publishResult = z.object({
  receivers: z.number(),
  /**
   * On a cluster, the node that answered (host:port): Redis counts only the receivers connected
   * to that node, though a classic message reaches every node's subscribers.
   */
  node: z.string().optional(),
});

/** The first event of a subscribe stream: the subscriptions Redis confirmed. */
export const subscribedEvent = z.object({
  subscribed: z.object({ channels: z.number(), patterns: z.number(), shards: z.number() }),
});
export const messageEvent = z.object({
  channel: jsonBytes,
  /** The pattern that matched, for a message received through PSUBSCRIBE. */
  pattern: jsonBytes.optional(),
  /** Received through SSUBSCRIBE (a sharded channel). */
  sharded: z.literal(true).optional(),
  message: jsonBytes,
  /** Unix seconds, with milliseconds as the fraction. */
  time: z.number(),
  /** The message was longer than PUBSUB_LIMITS.maxMessageBytes: only its first bytes are here. */
  cut: z.literal(true).optional(),
  /** The whole message's length in bytes, when cut. */
  length: z.number().optional(),
});
export const subscribeEvent = z.union([subscribedEvent, messageEvent]);

export const eventsQuery = z
  .strictObject({ match: z.string().max(4096).optional(), match64: keyQueryShape.key64 })
  .transform((q, ctx) => ({ match: checkedMatch(matchFromQuery(q), ctx) }));

/** The first event of a keyspace-events stream: the server's setting, as far as it can be read. */
export const eventsStatusEvent = z.object({
  status: z.object({
    /** CONFIG GET notify-keyspace-events; null when the server refuses CONFIG (managed services). */
    notifyKeyspaceEvents: z.string().nullable(),
    /** Whether the flags deliver any event (K or E, and a class); null when unknown. */
    enabled: z.boolean().nullable(),
    /** Why the setting is unknown. */
    message: z.string().optional(),
  }),
});
/** Whether notify-keyspace-events delivers anything: K or E, and at least one class of events. */
export function notificationsEnabled(flags: string): boolean {
  const channel = flags.includes("K") || flags.includes("E");
  const someClass = [...flags].some((c) => c !== "K" && c !== "E");
  return channel && someClass;
}

export const keyEvent = z.object({
  /** The event's name as Redis sends it: set, del, expire, expired, evicted, hset, … */
  event: z.string(),
  key: jsonBytes,
  time: z.number(),
});
export const keyspaceEvent = z.union([eventsStatusEvent, keyEvent]);

export type MessageEventJson = z.input<typeof messageEvent>;
export type SubscribedJson = z.input<typeof subscribedEvent>["subscribed"];
export type KeyEventJson = z.input<typeof keyEvent>;
export type EventsStatusJson = z.input<typeof eventsStatusEvent>["status"];
