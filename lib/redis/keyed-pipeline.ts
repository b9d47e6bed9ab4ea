import "server-only";
import { byNode, type RedisTarget } from "./target";

// Commands on one key each, sent as one pipeline per node that owns the keys (byNode: grouped
// by slot, one forKey a slot), in parallel; the replies come back in the order given. On a
// standalone server that is one pipeline. For pages that read many keys at once (Celery's
// queue lengths), which on a cluster live on different masters.

/** A command whose key is its second word: [name, key, ...args]. */
export type KeyedCommand = [string, Buffer, ...(Buffer | string | number)[]];
export type Reply = [Error | null, unknown];

export async function keyedPipeline(
  target: RedisTarget,
  commands: readonly KeyedCommand[],
): Promise<Reply[]> {
  const replies: Reply[] = new Array(commands.length);
  if (commands.length === 0) return replies;
  const batches = await byNode(target, commands, (c) => c[1]);
  await Promise.all(
    batches.map(async ({ client, items, indexes }) => {
      const p = client.pipeline();
      for (const [name, ...args] of items) p.callBuffer(name, ...args);
      const got = ((await p.exec()) ?? []) as Reply[];
      indexes.forEach((at, j) => {
        replies[at] = got[j] ?? [new Error("no reply"), null];
      });
    }),
  );
  return replies;
}
