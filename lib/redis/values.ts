import "server-only";
import type { Redis } from "ioredis";
import { hinterFor } from "@/lib/apps/hints";
import { DECODE_INPUT_MAX, decoratePage } from "@/lib/decode/page";
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
  const page = await TYPE_MODULES[type].read(ctx, q);
  if (!q.decode) return page;
  return decoratePage(page, q.decode, () => wholeString(client, key), hinterFor(key, type));
}

/** A string's bytes for decoding, or null when it is over DECODE_INPUT_MAX. */
async function wholeString(client: Redis, key: Buffer): Promise<Buffer | null> {
  const [[, length], [, bytes]] = ((await client
    .multi()
    .strlen(key)
    .getrangeBuffer(key, 0, DECODE_INPUT_MAX - 1)
    .exec()) ?? []) as [unknown, unknown][] as [[unknown, number], [unknown, Buffer]];
  return length <= DECODE_INPUT_MAX ? bytes : null;
}
