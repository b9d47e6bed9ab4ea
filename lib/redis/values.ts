import "server-only";
import { isRedisType } from "@/lib/redis-types";
import type { KeyValue, ValueQuery } from "@/lib/schemas/values";
import { notFound } from "./keys";
import { targetFor } from "./target";
import type { KeyContext } from "./types/module";
import { TYPE_MODULES } from "./types/modules";
import { readOther } from "./types/other";

/** One page of a key's value, in the API's shape for its type (docs/api.md), bytes as Buffers. */
export async function readValue(
  connId: string,
  db: number,
  key: Buffer,
  q: ValueQuery,
): Promise<KeyValue> {
  const client = await targetFor(connId, db).forKey(key);
  const type = await client.type(key);
  if (type === "none") throw notFound();
  const ctx: KeyContext = { connId, db, key, client };
  if (!isRedisType(type)) return readOther(ctx, type);
  return TYPE_MODULES[type].read(ctx, q);
}
