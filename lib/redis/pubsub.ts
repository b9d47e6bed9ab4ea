import "server-only";
import type { Redis } from "ioredis";
import type { EventSink, StreamEnd } from "@/lib/api/sse";
import { ApiError } from "@/lib/errors";
import { globMatches } from "@/lib/glob";
import { PUBSUB_LIMITS } from "@/lib/schemas/pubsub";
import type { RedisTarget, TargetNode } from "./target";

// Pub/Sub (docs/tools.md, "Pub/Sub"; docs/cluster.md, "Pub/Sub"): PUBLISH/SPUBLISH on the shared
// clients, and subscriptions on a stream's own connections (lib/redis/stream-slots.ts), bytes
// exact both ways through ioredis's Buffer events. The channels list is pubsub-channels.ts.
//
// On a cluster a classic PUBLISH is broadcast to every node, so SUBSCRIBE/PSUBSCRIBE need one
// connection on one node: one per master would deliver each message once per master. A sharded
// channel's messages stay in the shard of its slot, so SSUBSCRIBE goes to the master that owns
// the slot, and the stream opens connections only on the masters its sharded channels need.

export async function publish(
  target: RedisTarget,
  channel: Buffer,
  message: Buffer,
  sharded = false,
) {
  // SPUBLISH goes to the master of the channel's slot (any other node answers MOVED); a classic
  // PUBLISH on a cluster reaches every node's subscribers. Either way Redis counts only the
  // receivers on the node that answered, so on a cluster the answer names it.
  const [first] = sharded ? [await target.masterFor(channel)] : await target.serverNodes();
  if (!first) throw new Error(`connection "${target.connId}" has no nodes`);
  const receivers = sharded
    ? Number(await first.client.call("SPUBLISH", channel, message))
    : await first.client.publish(channel, message);
  return { receivers, ...(target.kind === "cluster" && first.addr && { node: first.addr }) };
}

/** The first `max` bytes of a message; text stays text (the cut backs off to a character start). */
export function cutMessage(message: Buffer): { message: Buffer; cut?: true; length?: number } {
  const max = PUBSUB_LIMITS.maxMessageBytes;
  if (message.length <= max) return { message };
  let end = max;
  // At most 3 continuation bytes (10xxxxxx) precede a character's end in UTF-8.
  for (let back = 0; back < 3 && ((message[end] ?? 0) & 0xc0) === 0x80; back++) end--;
  return { message: message.subarray(0, end), cut: true, length: message.length };
}

/** Distinct names, in the order given (SUBSCRIBE a a counts one channel). */
export function distinct(names: Buffer[]): Buffer[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const hex = n.toString("hex");
    if (seen.has(hex)) return false;
    seen.add(hex);
    return true;
  });
}

/**
 * The subscribed pattern a pmessage came through, as bytes. ioredis decodes the pattern as
 * UTF-8 before handing it over, so bytes that are not UTF-8 come as U+FFFD; several patterns may
 * decode alike, and then the one that matches the channel is taken.
 */
function patternBytes(patterns: Buffer[]): (decoded: string, channel: Buffer) => Buffer {
  return (decoded, channel) => {
    const same = patterns.filter((p) => p.toString() === decoded);
    if (same.length === 1) return same[0] as Buffer;
    return same.find((p) => globMatches(p, channel)) ?? same[0] ?? Buffer.from(decoded);
  };
}

/**
 * ioredis types PSUBSCRIBE's patterns as strings, but sends Buffers as they are (as SUBSCRIBE's
 * types already say): the pattern's bytes reach Redis exact.
 */
export const asNames = (names: Buffer[]) => names as unknown as string[];

/**
 * Resolves when the stream's connection is gone under it (Redis died, or was killed), with the
 * end event to send; never resolves while the connection lives.
 */
export function connectionLost(client: Redis): Promise<StreamEnd> {
  return new Promise((resolve) =>
    client.once("end", () =>
      resolve({ reason: "error", message: "Redis closed the connection of this stream." }),
    ),
  );
}

export type Subscriptions = { channels: Buffer[]; patterns: Buffer[]; shards: Buffer[] };

/** Which masters a subscription needs: `only` for openStreamConnections, shards by master id. */
export type SubscriptionPlan = { only: string[]; shardsByNode: Map<string, Buffer[]> };

/**
 * The masters of the sharded channels' slots (a channel's bytes hash as a key's do), and, for
 * classic channels and patterns alone, the first master: the stream's connections go there.
 */
export async function planSubscription(
  target: RedisTarget,
  subs: Subscriptions,
): Promise<SubscriptionPlan> {
  const shardsByNode = new Map<string, Buffer[]>();
  for (const shard of distinct(subs.shards)) {
    const { id } = await target.masterFor(shard);
    const list = shardsByNode.get(id) ?? [];
    list.push(shard);
    shardsByNode.set(id, list);
  }
  const only = [...shardsByNode.keys()];
  if (only.length === 0) {
    const [first] = await target.masters();
    if (first) only.push(first.id);
  }
  return { only, shardsByNode };
}

/**
 * Subscribes the stream's own connections (`nodes`, opened after `plan`) and forwards every
 * message to `sink` until the stream is over: the browser left (reason "closed") or Redis went
 * away from any of them ("error"). Classic channels and patterns go on the first node only.
 */
export async function runSubscription(
  nodes: TargetNode[],
  plan: SubscriptionPlan,
  subs: Subscriptions,
  sink: EventSink,
): Promise<StreamEnd> {
  const channels = distinct(subs.channels);
  const patterns = distinct(subs.patterns);
  const [first] = nodes;
  const missing = [...plan.shardsByNode.keys()].filter((id) => !nodes.some((n) => n.id === id));
  if (!first || missing.length)
    // The layout changed between the plan and the connections (a failover): a retry re-plans.
    throw new ApiError("REDIS_UNAVAILABLE", "The cluster changed while subscribing; try again.");
  const client = first.client;
  let received = 0;
  const lost = Promise.race(nodes.map((n) => connectionLost(n.client)));
  for (const node of nodes)
    node.client.on("smessageBuffer", (channel: Buffer, message: Buffer) => {
      received++;
      sink.send({ channel, sharded: true, ...cutMessage(message), time: Date.now() / 1000 });
    });
  client.on("messageBuffer", (channel: Buffer, message: Buffer) => {
    received++;
    sink.send({ channel, ...cutMessage(message), time: Date.now() / 1000 });
  });
  const patternOf = patternBytes(patterns);
  // ioredis hands the pattern over as text (decoded, lossy), the channel and message as bytes.
  client.on("pmessageBuffer", (pattern: string, channel: Buffer, message: Buffer) => {
    received++;
    const bytes = patternOf(pattern, channel);
    sink.send({ channel, pattern: bytes, ...cutMessage(message), time: Date.now() / 1000 });
  });
  try {
    if (channels.length) await client.subscribe(...channels);
    if (patterns.length) await client.psubscribe(...asNames(patterns));
    await Promise.all(
      nodes.map((n) => {
        const shards = plan.shardsByNode.get(n.id);
        return shards?.length ? n.client.ssubscribe(...shards) : undefined;
      }),
    );
  } catch (e) {
    if (sink.signal.aborted) return { reason: "closed" };
    if (/unknown command .?ssubscribe/i.test(e instanceof Error ? e.message : ""))
      throw new ApiError("BAD_REQUEST", "Sharded channels need Redis 7 or later (SSUBSCRIBE).");
    throw e;
  }
  const shards = [...plan.shardsByNode.values()].reduce((n, list) => n + list.length, 0);
  sink.sendAlways({
    subscribed: { channels: channels.length, patterns: patterns.length, shards },
  });
  const closed = new Promise<StreamEnd>((resolve) =>
    sink.signal.addEventListener("abort", () => resolve({ reason: "closed" }), { once: true }),
  );
  if (sink.signal.aborted) return { reason: "closed", received };
  const end = await Promise.race([closed, lost]);
  return { ...end, received };
}
