import "server-only";
import { byNode, targetFor } from "./target";

// MEMORY USAGE of the rows on screen (the key list's memory column). At most 200 keys a
// request (the schema's limit), one pipeline per node: MEMORY USAGE samples 5 elements of a
// big collection by default, so each is O(1) and a screenful costs well under a millisecond.

export type KeyMemory = { key: Buffer; memoryBytes: number | null };

export async function keysMemory(connId: string, db: number, keys: Buffer[]): Promise<KeyMemory[]> {
  const out: KeyMemory[] = new Array(keys.length);
  const batches = await byNode(targetFor(connId, db), keys, (key) => key);
  await Promise.all(
    batches.map(async ({ client, items, indexes }) => {
      const pipeline = client.pipeline();
      for (const key of items) pipeline.call("MEMORY", "USAGE", key);
      const replies = (await pipeline.exec()) ?? [];
      items.forEach((key, i) => {
        const [err, bytes] = replies[i] ?? [];
        // A refused MEMORY (ACLs, managed services) is a missing figure, not a failed list;
        // a key gone since it was listed answers nil.
        if (err && (err as Error).name !== "ReplyError") throw err;
        out[indexes[i] as number] = {
          key,
          memoryBytes: err || bytes === null || bytes === undefined ? null : Number(bytes),
        };
      });
    }),
  );
  return out;
}
