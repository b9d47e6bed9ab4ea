import "server-only";
import type { Redis } from "ioredis";
import { PUBSUB_LIMITS } from "@/lib/schemas/pubsub";
import type { RedisTarget } from "./target";

// The active channels (docs/tools.md "Pub/Sub", docs/cluster.md "Pub/Sub"). PUBSUB CHANNELS and
// NUMSUB are node-local: on a cluster each subscriber is counted on the node it is connected to,
// so the list is the union over every node (masters and replicas) with NUMSUB summed. Sharded
// channels (SHARDCHANNELS, SHARDNUMSUB) live on the masters that own their slots. A standalone
// server is the one node of both lists.

/** NUMSUB per call: a few hundred names keep one reply small and one command short. */
const NUMSUB_BATCH = 200;

type Listed = { channel: Buffer; subscribers: number; sharded?: true };

/** A server before Redis 7 does not know SHARDCHANNELS: it has no sharded channels then. */
function unknownCommand(e: unknown): boolean {
  return /unknown (sub)?command/i.test(e instanceof Error ? e.message : "");
}

/**
 * The union of `listCmd` over `clients` (at most `room` distinct names, in the nodes' order),
 * with `countCmd` summed: each node counts only the names it listed itself.
 */
async function gather(
  clients: Redis[],
  listCmd: "CHANNELS" | "SHARDCHANNELS",
  countCmd: "NUMSUB" | "SHARDNUMSUB",
  match: Buffer | undefined,
  room: number,
): Promise<{ channels: Listed[]; more: boolean }> {
  const lists = await Promise.all(
    clients.map(async (c) => {
      try {
        return (await c.callBuffer("PUBSUB", listCmd, match ?? "*")) as Buffer[];
      } catch (e) {
        if (listCmd === "SHARDCHANNELS" && unknownCommand(e)) return [];
        throw e;
      }
    }),
  );
  const byName = new Map<string, Listed>();
  let more = false;
  for (const names of lists)
    for (const channel of names) {
      const hex = channel.toString("hex");
      if (byName.has(hex)) continue;
      if (byName.size >= room) {
        more = true;
        continue;
      }
      byName.set(hex, { channel, subscribers: 0 });
    }
  await Promise.all(
    clients.map(async (c, i) => {
      const own = (lists[i] ?? []).filter((n) => byName.has(n.toString("hex")));
      for (let j = 0; j < own.length; j += NUMSUB_BATCH) {
        const batch = own.slice(j, j + NUMSUB_BATCH);
        const reply = (await c.callBuffer("PUBSUB", countCmd, ...batch)) as (Buffer | number)[];
        for (let k = 0; k + 1 < reply.length; k += 2) {
          const entry = byName.get((reply[k] as Buffer).toString("hex"));
          if (entry) entry.subscribers += Number(reply[k + 1]);
        }
      }
    }),
  );
  return { channels: [...byName.values()], more };
}

export async function listChannels(target: RedisTarget, match: Buffer | undefined) {
  const { maxListedChannels } = PUBSUB_LIMITS;
  const [nodes, masters] = await Promise.all([
    target.serverNodes().then((list) => list.map((n) => n.client)),
    target.masters().then((list) => list.map((n) => n.client)),
  ]);
  // NUMPAT depends on neither list: asked alongside them.
  const numpat = Promise.all(nodes.map((c) => c.call("PUBSUB", "NUMPAT")));
  numpat.catch(() => {}); // awaited below; this only keeps an early failure from going unhandled
  const classic = await gather(nodes, "CHANNELS", "NUMSUB", match, maxListedChannels);
  const room = maxListedChannels - classic.channels.length;
  const sharded = await gather(masters, "SHARDCHANNELS", "SHARDNUMSUB", match, room);
  const channels: Listed[] = [
    ...classic.channels,
    ...sharded.channels.map((c) => ({ ...c, sharded: true as const })),
  ];
  channels.sort((a, b) => b.subscribers - a.subscribers || Buffer.compare(a.channel, b.channel));
  return {
    channels,
    patterns: (await numpat).reduce((sum: number, n) => sum + Number(n), 0),
    ...((classic.more || sharded.more) && { truncated: true as const }),
  };
}
