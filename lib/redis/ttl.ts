import "server-only";
import { notFound } from "./keys";
import { targetFor } from "./target";

/**
 * Sets a key's TTL in whole seconds, or removes it when `ttl` is null. EXPIRE and PERSIST never
 * create a key, so a missing key is a 404 with nothing changed. Returns the TTL now.
 */
export async function setTtl(
  connId: string,
  db: number,
  key: Buffer,
  ttl: number | null,
): Promise<number> {
  const client = await targetFor(connId, db).forKey(key);
  const tx = client.multi();
  if (ttl === null) tx.persist(key);
  else tx.expire(key, ttl);
  tx.ttl(key);
  const replies = (await tx.exec()) ?? [];
  const [changeErr] = replies[0] ?? [];
  const [ttlErr, ttlNow] = replies[1] ?? [];
  if (changeErr) throw changeErr;
  if (ttlErr) throw ttlErr;
  // PERSIST answers 0 both for "no such key" and "had no TTL"; TTL -2 tells them apart.
  if (ttlNow === -2) throw notFound();
  return Number(ttlNow);
}
