import "server-only";
import { ApiError } from "@/lib/errors";
import { redisFor } from "./client";

export type DatabaseInfo = { db: number; keys: number; expires: number; avgTtlMs: number };

const databaseCounts = new Map<string, number>();

/** How many databases the server has: CONFIG GET databases, or 16 where CONFIG is refused. */
export async function databaseCount(connId: string): Promise<number> {
  const known = databaseCounts.get(connId);
  if (known !== undefined) return known;
  const client = await redisFor(connId, 0);
  let count = 16;
  try {
    const reply = (await client.config("GET", "databases")) as string[];
    const n = Number(reply[1]);
    if (Number.isInteger(n) && n > 0) count = n;
  } catch {
    // Managed services often rename or refuse CONFIG; 16 is Redis's default.
  }
  databaseCounts.set(connId, count);
  return count;
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

/** Every database with its key count; empty ones (absent from INFO keyspace) count 0. */
export async function listDatabases(connId: string): Promise<DatabaseInfo[]> {
  const count = await databaseCount(connId);
  const client = await redisFor(connId, 0);
  const keyspace = parseKeyspace(await client.info("keyspace"));
  return Array.from({ length: count }, (_, db) => ({
    db,
    ...(keyspace.get(db) ?? { keys: 0, expires: 0, avgTtlMs: 0 }),
  }));
}
