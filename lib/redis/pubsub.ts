import "server-only";
import type { Redis } from "ioredis";
import type { EventSink, StreamEnd } from "@/lib/api/sse";
import { globMatches } from "@/lib/glob";
import { PUBSUB_LIMITS } from "@/lib/schemas/pubsub";
import { firstServerNode, type RedisTarget } from "./target";

// Pub/Sub (docs/tools.md, "Pub/Sub"): the channels list and PUBLISH on the shared client, and
// subscriptions on a stream's own connection (lib/redis/stream-slots.ts), bytes exact both ways
// through ioredis's Buffer events. Sharded pub/sub (SSUBSCRIBE, smessageBuffer) joins with
// cluster connections: `subscriptionKinds` is where it goes.

/** NUMSUB per call: a few hundred names keep one reply small and one command short. */
const NUMSUB_BATCH = 200;

export async function listChannels(target: RedisTarget, match: Buffer | undefined) {
  const client = await firstServerNode(target);
  const names = (await client.callBuffer("PUBSUB", "CHANNELS", match ?? "*")) as Buffer[];
  const { maxListedChannels } = PUBSUB_LIMITS;
  const kept = names.slice(0, maxListedChannels);
  const channels: { channel: Buffer; subscribers: number }[] = [];
  for (let i = 0; i < kept.length; i += NUMSUB_BATCH) {
    const batch = kept.slice(i, i + NUMSUB_BATCH);
    const reply = (await client.callBuffer("PUBSUB", "NUMSUB", ...batch)) as (Buffer | number)[];
    for (let j = 0; j + 1 < reply.length; j += 2)
      channels.push({ channel: reply[j] as Buffer, subscribers: Number(reply[j + 1]) });
  }
  channels.sort((a, b) => b.subscribers - a.subscribers || Buffer.compare(a.channel, b.channel));
  const patterns = Number(await client.call("PUBSUB", "NUMPAT"));
  return {
    channels,
    patterns,
    ...(names.length > maxListedChannels && { truncated: true as const }),
  };
}

export async function publish(target: RedisTarget, channel: Buffer, message: Buffer) {
  const client = await firstServerNode(target);
  return { receivers: await client.publish(channel, message) };
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

/**
 * Subscribes `client` (the stream's own connection) and forwards every message to `sink` until
 * the stream is over: the browser left (reason "closed") or Redis went away ("error").
 */
export async function runSubscription(
  client: Redis,
  subs: { channels: Buffer[]; patterns: Buffer[] },
  sink: EventSink,
): Promise<StreamEnd> {
  const channels = distinct(subs.channels);
  const patterns = distinct(subs.patterns);
  let received = 0;
  const lost = connectionLost(client);
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
  } catch (e) {
    if (sink.signal.aborted) return { reason: "closed" };
    throw e;
  }
  sink.sendAlways({ subscribed: { channels: channels.length, patterns: patterns.length } });
  const closed = new Promise<StreamEnd>((resolve) =>
    sink.signal.addEventListener("abort", () => resolve({ reason: "closed" }), { once: true }),
  );
  if (sink.signal.aborted) return { reason: "closed", received };
  const end = await Promise.race([closed, lost]);
  return { ...end, received };
}
