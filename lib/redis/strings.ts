import "server-only";
import { ApiError } from "@/lib/errors";
import { redisFor } from "./client";
import { notFound } from "./keys";
import { runScript, script } from "./scripts";

export type StringPage = { value: Buffer; offset: number; length: number; truncated: boolean };

/** A window of a string value: GETRANGE, never GET, so a 100 MB value costs only the window. */
export async function readString(
  connId: string,
  db: number,
  key: Buffer,
  offset: number,
  limit: number,
): Promise<StringPage> {
  const client = await redisFor(connId, db);
  const tx = client.multi();
  tx.type(key)
    .strlen(key)
    .getrangeBuffer(key, offset, offset + limit - 1);
  const replies = (await tx.exec()) ?? [];
  const type = String(replies[0]?.[1]);
  if (type === "none") throw notFound();
  if (type !== "string") throw new ApiError("WRONG_TYPE", `The key holds a ${type}, not a string.`);
  const length = Number(replies[1]?.[1]);
  const value = (replies[2]?.[1] as Buffer | undefined) ?? Buffer.alloc(0);
  return { value, offset, length, truncated: offset + value.length < length };
}

// SET with KEEPTTL, but only on a key that is missing or already a string: a plain SET would
// silently replace a hash or list with a string.
const SET_STRING_KEEP_TTL = script(`
local t = redis.call('TYPE', KEYS[1])['ok']
if t ~= 'string' and t ~= 'none' then return redis.error_reply('WRONGTYPE ' .. t) end
redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL')
return t
`);

/** Sets a string value and keeps its TTL; 409 WRONG_TYPE when the key is another type. */
export async function writeString(
  connId: string,
  db: number,
  key: Buffer,
  value: Buffer,
): Promise<void> {
  const client = await redisFor(connId, db);
  await runScript(client, SET_STRING_KEEP_TTL, [key], [value]);
}
