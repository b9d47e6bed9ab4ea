import "server-only";
import type { Redis } from "ioredis";
import { PREVIEW_BYTES } from "@/lib/schemas/values";
import { runScript, script } from "./scripts";
import { features } from "./server-features";
import { num, readTyped, scoreJson } from "./typed-read";
import type { HashPage } from "./types/hash";

// A `match` without glob characters names one field or member: answer it with one lookup
// (HGET, SISMEMBER, ZSCORE) instead of walking the collection. Reaching `field:4242` in a
// 1M-field hash by HSCAN MATCH took ten "Load more" (4.4 s); a lookup is one round trip.

// Redis glob specials (util.c stringmatchlen): * ? [ and \ escapes; ] is listed as well, so
// a pattern that is only odd, not literal, is never taken for a name.
const GLOB_BYTES = new Set([0x2a, 0x3f, 0x5b, 0x5d, 0x5c]);

/** Whether a MATCH pattern matches exactly its own bytes (no glob characters). */
export function isLiteral(match: Buffer): boolean {
  for (const b of match) if (GLOB_BYTES.has(b)) return false;
  return true;
}

// HGET a window of a field inside Redis, so a 10 MB field costs the window on the wire.
// (Lua copies the value once in Redis's memory; there is no HGETRANGE.)
const HGET_RANGE = script(`
local v = redis.call('HGET', KEYS[1], ARGV[1])
if not v then return false end
return string.sub(v, tonumber(ARGV[2]) + 1, tonumber(ARGV[2]) + tonumber(ARGV[3]))
`);

/**
 * `limit` bytes of a hash field from `offset`, HSTRLEN first so a huge field is never sent
 * whole: a field that fits is one HGET, a bigger one a window read inside Redis. Null when the
 * field is absent.
 */
export async function hashFieldWindow(
  client: Redis,
  key: Buffer,
  field: Buffer,
  offset: number,
  limit: number,
): Promise<{ value: Buffer; length: number; hashLength: number } | null> {
  const [hlen, exists, strlen] = await readTyped(client, key, "hash", [
    ["HLEN", key],
    ["HEXISTS", key, field],
    ["HSTRLEN", key, field],
  ]);
  if (num(exists) !== 1) return null;
  const length = num(strlen);
  const hashLength = num(hlen);
  let value: Buffer | null;
  if (offset === 0 && length <= limit) {
    value = (await client.hgetBuffer(key, field)) as Buffer | null;
  } else {
    try {
      value = (await runScript(client, HGET_RANGE, [key], [field, offset, limit])) as Buffer | null;
    } catch (e) {
      // Scripting refused (ACLs, managed services): the whole field, cut here.
      if (!(e instanceof Error) || !/NOPERM|unknown command/i.test(e.message)) throw e;
      const whole = (await client.hgetBuffer(key, field)) as Buffer | null;
      value = whole?.subarray(offset, offset + limit) ?? null;
    }
  }
  if (value === null) return null; // deleted between the two round trips
  return { value: Buffer.from(value), length, hashLength };
}

/** A hash page of the one field asked for: the page's shape, a finished cursor, flagged exact. */
export type HashExact = HashPage & { cursor: "0"; exact: true };

/** The one field a literal `match` names (its value previewed), or none. */
export async function hashExact(client: Redis, key: Buffer, field: Buffer): Promise<HashExact> {
  const [found, { hashFieldTtl }] = await Promise.all([
    hashFieldWindow(client, key, field, 0, PREVIEW_BYTES),
    features(client),
  ]);
  if (!found) {
    const [hlen] = await readTyped(client, key, "hash", [["HLEN", key]]);
    return { cursor: "0", entries: [], length: num(hlen), fieldTtl: hashFieldTtl, exact: true };
  }
  const entry: HashExact["entries"][number] = { field, value: found.value };
  if (found.length > found.value.length) {
    entry.truncated = true;
    entry.valueLength = found.length;
  }
  if (hashFieldTtl) {
    const [ttl] = (await client.call("HTTL", key, "FIELDS", 1, field)) as number[];
    entry.ttl = ttl ?? -1;
  }
  return {
    cursor: "0",
    entries: [entry],
    length: found.hashLength,
    fieldTtl: hashFieldTtl,
    exact: true,
  };
}

/** SISMEMBER for a literal `match`: the member, or none. */
export async function setExact(client: Redis, key: Buffer, member: Buffer) {
  const [card, isMember] = await readTyped(client, key, "set", [
    ["SCARD", key],
    ["SISMEMBER", key, member],
  ]);
  return {
    cursor: "0",
    members: num(isMember) === 1 ? [member] : [],
    length: num(card),
    exact: true as const,
  };
}

/** ZSCORE for a literal `match`: the member with its score, or none. */
export async function zsetExact(client: Redis, key: Buffer, member: Buffer) {
  const [card, score] = await readTyped(client, key, "zset", [
    ["ZCARD", key],
    ["ZSCORE", key, member],
  ]);
  return {
    offset: null,
    cursor: "0",
    members: score === null ? [] : [{ member, score: scoreJson(score as Buffer) }],
    length: num(card),
    exact: true as const,
  };
}
