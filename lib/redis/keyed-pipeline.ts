import "server-only";
import { type Reply, RoutedPipeline, routerFor } from "./import-route";
import type { RedisTarget } from "./target";

// Commands on one key each, sent as one pipeline per master that owns the keys (on a standalone
// server, one pipeline), in parallel; the replies, as Buffers, come back in the order given. For
// pages that read many keys at once (Celery's queue lengths), which on a cluster live on
// different masters.

/** A command whose key is its second word: [name, key, ...args]. */
export type KeyedCommand = [string, Buffer, ...(Buffer | string | number)[]];
export type { Reply };

export async function keyedPipeline(
  target: RedisTarget,
  commands: readonly KeyedCommand[],
): Promise<Reply[]> {
  if (commands.length === 0) return [];
  const p = new RoutedPipeline(await routerFor(target, await target.masters()), true);
  for (const [name, key, ...args] of commands) p.call(key, name, key, ...args);
  return p.exec();
}
