import "server-only";
import { targetFor } from "./target";
import { ttlSeconds } from "./ttl-math";

// A filter that names one key ("user:42", or the browser's "user:42*" for what was typed as
// "user:42") should show that key at once: SCAN may need many pages to reach it on a big
// keyspace. One TYPE and one PTTL, sent together, on the node that owns the key's slot.

export type ExactKey = { key: Buffer; type: string; ttl: number };

// The glob characters of SCAN MATCH (stringmatchlen): * ? [ ] and the \ escape.
const GLOB_BYTES = new Set([0x2a, 0x3f, 0x5b, 0x5d, 0x5c]);
const STAR = 0x2a;

function hasGlob(bytes: Buffer): boolean {
  for (const b of bytes) if (GLOB_BYTES.has(b)) return true;
  return false;
}

/**
 * The one key a pattern names, or null: a pattern without glob characters is that key; a literal
 * prefix with a single trailing `*` (what the key browser sends for a bare prefix) names the prefix.
 */
export function exactCandidate(match: Buffer | undefined): Buffer | null {
  if (!match || match.length === 0) return null;
  if (!hasGlob(match)) return match;
  const head = match.subarray(0, -1);
  if (match[match.length - 1] === STAR && head.length > 0 && !hasGlob(head)) return head;
  return null;
}

/** The key, its type and TTL when it exists (and has `type`, if one is given); else null. */
export async function lookupExactKey(
  connId: string,
  db: number,
  key: Buffer,
  type: string | undefined,
): Promise<ExactKey | null> {
  const client = await targetFor(connId, db).forKey(key);
  const [found, pttl] = await Promise.all([client.type(key), client.pttl(key)]);
  if (found === "none" || (type !== undefined && found !== type)) return null;
  return { key, type: found, ttl: ttlSeconds(pttl) };
}
