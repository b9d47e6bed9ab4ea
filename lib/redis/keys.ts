import "server-only";
import { recogniseKey } from "@/lib/apps/registry";
import { ApiError } from "@/lib/errors";
import { typeEntry } from "@/lib/redis-types";
import type { AppInfo } from "@/lib/schemas/apps";
import { boundQueueApp } from "./celery";
import { keySlot } from "./slot";
import { byNode, targetFor } from "./target";
import { ttlSeconds } from "./ttl-math";

export type KeyInfo = {
  key: Buffer;
  type: string;
  ttl: number;
  encoding: string | null;
  memoryBytes: number | null;
  length: number | null;
  app?: AppInfo;
};

export function notFound(): ApiError {
  return new ApiError("NOT_FOUND", "No such key (it may have expired or been deleted).");
}

async function settledNumber(p: Promise<unknown>): Promise<number | null> {
  try {
    const v = await p;
    return v === null ? null : Number(v);
  } catch {
    // MEMORY USAGE or OBJECT may be refused by ACLs or a managed service; the rest still shows.
    return null;
  }
}

async function settledString(p: Promise<unknown>): Promise<string | null> {
  try {
    const v = await p;
    return v === null ? null : String(v);
  } catch {
    return null;
  }
}

/** Type, TTL, encoding, memory and length of one key: two round trips, each O(1) in Redis. */
export async function keyInfo(connId: string, db: number, key: Buffer): Promise<KeyInfo> {
  const client = await targetFor(connId, db).forKey(key);
  const [type, pttl] = await Promise.all([client.type(key), client.pttl(key)]);
  if (type === "none") throw notFound();
  // Each type in lib/redis-types.ts names its length command; module types have none.
  const lengthCommand = typeEntry(type)?.lengthCommand;
  // MEMORY USAGE samples 5 elements of big collections by default, so it stays O(1).
  // The app: from the name and type (lib/apps); a list no recogniser claims may still be a
  // Celery queue that a kombu binding names (two SSCAN steps beside the others, lists only).
  const named = recogniseKey(key, type);
  const [encoding, memoryBytes, length, app] = await Promise.all([
    settledString(client.object("ENCODING", key)),
    settledNumber(client.call("MEMORY", "USAGE", key)),
    lengthCommand ? settledNumber(client.call(lengthCommand, key)) : Promise.resolve(null),
    named || type !== "list" ? named : boundQueueApp(client, key).catch(() => undefined),
  ]);
  return { key, type, ttl: ttlSeconds(pttl), encoding, memoryBytes, length, ...(app && { app }) };
}

/** UNLINK: frees big values in the background instead of blocking Redis. */
export async function deleteKey(connId: string, db: number, key: Buffer): Promise<number> {
  const client = await targetFor(connId, db).forKey(key);
  return client.unlink(key);
}

/**
 * RENAME, or RENAMENX unless `overwrite`: an existing target is a 409, never silently lost.
 * On a cluster both names must share a slot: refused here with the reason, before Redis would
 * answer CROSSSLOT (a rename across slots would be a copy to another node and a delete, which
 * is not atomic; the bulk tools can do that deliberately).
 */
export async function renameKey(
  connId: string,
  db: number,
  key: Buffer,
  newKey: Buffer,
  overwrite: boolean,
): Promise<void> {
  if (key.equals(newKey)) throw new ApiError("BAD_REQUEST", "newKey is the same as key.");
  const target = targetFor(connId, db);
  if (target.kind === "cluster" && keySlot(key) !== keySlot(newKey))
    throw new ApiError(
      "BAD_REQUEST",
      `newKey: on a cluster a key can only be renamed within its slot (CROSSSLOT): the key is in slot ${keySlot(key)}, the new name in slot ${keySlot(newKey)}. Names share a slot when they share a hash tag, the part between { and }: rename user:{42}:a to user:{42}:b.`,
    );
  const client = await target.forKey(key);
  try {
    if (overwrite) {
      await client.rename(key, newKey);
      return;
    }
    const renamed = await client.renamenx(key, newKey);
    if (renamed === 0) {
      throw new ApiError(
        "CONFLICT",
        "A key with the new name already exists; pass overwrite to replace it.",
      );
    }
  } catch (e) {
    if (e instanceof Error && /no such key/i.test(e.message)) throw notFound();
    throw e;
  }
}

/**
 * Type and TTL of a few keys (those on screen): one pipelined round trip per node that owns
 * some of them (one on a standalone server), all nodes at once.
 */
export async function keysMeta(
  connId: string,
  db: number,
  keys: Buffer[],
): Promise<{ key: Buffer; type: string; ttl: number }[]> {
  const out: { key: Buffer; type: string; ttl: number }[] = new Array(keys.length);
  const batches = await byNode(targetFor(connId, db), keys, (key) => key);
  await Promise.all(
    batches.map(async ({ client, items, indexes }) => {
      const pipeline = client.pipeline();
      for (const key of items) pipeline.type(key).pttl(key);
      const replies = (await pipeline.exec()) ?? [];
      items.forEach((key, i) => {
        const [typeErr, type] = replies[2 * i] ?? [];
        const [ttlErr, pttl] = replies[2 * i + 1] ?? [];
        if (typeErr || ttlErr) throw typeErr ?? ttlErr;
        out[indexes[i] as number] = { key, type: String(type), ttl: ttlSeconds(Number(pttl)) };
      });
    }),
  );
  return out;
}
