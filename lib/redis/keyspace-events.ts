import "server-only";
import type { Redis } from "ioredis";
import type { EventSink, StreamEnd } from "@/lib/api/sse";
import { compileGlob, globMatch } from "@/lib/glob";
import type { NotifySetting } from "./notify-setting";
import { asNames, connectionLost } from "./pubsub";

// Keyspace notifications (docs/tools.md, "Keyspace events"): Redis publishes each event twice
// when notify-keyspace-events has both K and E: on `__keyspace@<db>__:<key>` (the message is
// the event) and on `__keyevent@<db>__:<event>` (the message is the key). The keyspace channel
// lets Redis match the key pattern itself, so it is preferred; the keyevent channel is used when
// only E is on (the key is then matched here), and both when the setting cannot be read, with
// the second copy of an event dropped. Events are node-local: on a cluster every master is
// subscribed.

/** Which channels to subscribe for a setting (null: unknown, take both). */
export function channelsFor(flags: string | null): { keyspace: boolean; keyevent: boolean } {
  if (flags === null) return { keyspace: true, keyevent: true };
  const k = flags.includes("K");
  const e = flags.includes("E");
  // Off: both, so that turning the setting on while the stream is open shows events at once.
  if (!k && !e) return { keyspace: true, keyevent: true };
  return { keyspace: k, keyevent: !k };
}

const STAR = Buffer.from("*");

/**
 * Subscribes every client (one per master: events are node-local) and forwards their events as
 * one stream until the browser leaves or a node's connection is lost.
 */
export async function runKeyspaceEvents(
  clients: readonly Redis[],
  opts: { db: number; match: Buffer | undefined; setting: NotifySetting },
  sink: EventSink,
): Promise<StreamEnd> {
  const spacePrefix = Buffer.from(`__keyspace@${opts.db}__:`);
  const eventPrefix = Buffer.from(`__keyevent@${opts.db}__:`);
  const match = opts.match ?? STAR;
  const glob = compileGlob(match);
  const use = channelsFor(opts.setting.notifyKeyspaceEvents);
  let delivered = 0;
  const emit = (event: Buffer, key: Buffer) => {
    delivered++;
    sink.send({ event: event.toString("latin1"), key, time: Date.now() / 1000 });
  };
  const lost = Promise.race(clients.map(connectionLost));
  for (const client of clients) {
    // The keyspace copy of the event last seen on this node: Redis publishes the keyevent copy
    // right after it, on the same connection.
    let lastSpace: { event: Buffer; key: Buffer } | null = null;
    client.on("pmessageBuffer", (_pattern: Buffer, channel: Buffer, message: Buffer) => {
      if (channel.subarray(0, spacePrefix.length).equals(spacePrefix)) {
        const key = channel.subarray(spacePrefix.length);
        lastSpace = { event: message, key };
        emit(message, key);
      } else if (channel.subarray(0, eventPrefix.length).equals(eventPrefix)) {
        const event = channel.subarray(eventPrefix.length);
        const seen = lastSpace;
        lastSpace = null;
        if (seen && use.keyspace && seen.event.equals(event) && seen.key.equals(message)) return;
        // A key the keyspace channel would have matched but did not send (K off): match it here.
        if (!globMatch(glob, message)) return;
        emit(event, message);
      }
    });
  }
  const patterns = [
    ...(use.keyspace ? [Buffer.concat([spacePrefix, match])] : []),
    ...(use.keyevent ? [Buffer.concat([eventPrefix, STAR])] : []),
  ];
  try {
    await Promise.all(clients.map((client) => client.psubscribe(...asNames(patterns))));
  } catch (e) {
    if (sink.signal.aborted) return { reason: "closed" };
    throw e;
  }
  const { notifyKeyspaceEvents, enabled, message } = opts.setting;
  sink.sendAlways({ status: { notifyKeyspaceEvents, enabled, ...(message && { message }) } });
  if (sink.signal.aborted) return { reason: "closed", delivered };
  const closed = new Promise<StreamEnd>((resolve) =>
    sink.signal.addEventListener("abort", () => resolve({ reason: "closed" }), { once: true }),
  );
  const end = await Promise.race([closed, lost]);
  return { ...end, delivered };
}
