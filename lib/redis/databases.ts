import "server-only";
import { ApiError } from "@/lib/errors";
import { targetFor } from "./target";

export type DatabaseInfo = { db: number; keys: number; expires: number; avgTtlMs: number };

/** How many databases the server has (the target knows: CONFIG GET databases, 1 on a cluster). */
export function databaseCount(connId: string): Promise<number> {
  return targetFor(connId, 0).databaseCount();
}

/** Throws 404 unless `db` is a database this server has. */
export async function assertDatabase(connId: string, db: number): Promise<void> {
  const count = await databaseCount(connId);
  if (db >= count)
    throw new ApiError(
      "NOT_FOUND",
      `No database ${db}: this server has databases 0 to ${count - 1}.`,
    );
}

/** `db0:keys=1,expires=0,avg_ttl=0` lines of INFO keyspace, by database index. */
export function parseKeyspace(info: string): Map<number, Omit<DatabaseInfo, "db">> {
  const out = new Map<number, Omit<DatabaseInfo, "db">>();
  for (const line of info.split(/\r?\n/)) {
    const m = /^db(\d+):keys=(\d+),expires=(\d+)(?:,avg_ttl=(\d+))?/.exec(line);
    if (m)
      out.set(Number(m[1]), {
        keys: Number(m[2]),
        expires: Number(m[3]),
        avgTtlMs: Number(m[4] ?? 0),
      });
  }
  return out;
}

/**
 * Every database with its key count, summed over the masters (one on a standalone server);
 * empty ones (absent from INFO keyspace) count 0.
 */
export async function listDatabases(connId: string): Promise<DatabaseInfo[]> {
  const target = targetFor(connId, 0);
  const [count, masters] = await Promise.all([target.databaseCount(), target.masters()]);
  const keyspaces = await Promise.all(
    masters.map(async (m) => parseKeyspace(await m.client.info("keyspace"))),
  );
  return Array.from({ length: count }, (_, db) => {
    const out: DatabaseInfo = { db, keys: 0, expires: 0, avgTtlMs: 0 };
    let ttlWeighted = 0;
    for (const keyspace of keyspaces) {
      const k = keyspace.get(db);
      if (!k) continue;
      out.keys += k.keys;
      out.expires += k.expires;
      ttlWeighted += k.avgTtlMs * k.expires;
    }
    // Each node's avg_ttl is over its keys with a TTL, so weigh it by their number.
    if (out.expires > 0) out.avgTtlMs = Math.round(ttlWeighted / out.expires);
    return out;
  });
}
