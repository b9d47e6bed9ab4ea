import "server-only";
import { config } from "@/lib/config";
import { ApiError } from "@/lib/errors";
import { connectionConfig } from "@/lib/redis/client";
import { firstServerNode, targetFor } from "@/lib/redis/target";
import type { ConnectionState } from "@/lib/schemas/connections";

// GET /api/connections/{conn}/state: the connection page's line for one connection, from one
// INFO through the connection's shared client (no new socket per look). The page asks for every
// connection at once; each answer is bounded by the connect timeout, so one dead or paused Redis
// slows only its own line.

function field(info: string, name: string): string | undefined {
  return new RegExp(`^${name}:(.*)$`, "m").exec(info)?.[1]?.trim();
}

/** The sum of `keys=` over INFO keyspace's db lines (what DBSIZE of each database says). */
function keyCount(info: string): number {
  let keys = 0;
  for (const m of info.matchAll(/^db\d+:keys=(\d+)/gm)) keys += Number(m[1]);
  return keys;
}

export async function connectionState(connId: string): Promise<ConnectionState> {
  connectionConfig(connId); // 404 for an unknown connection
  const { connectTimeoutMs } = config();
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ApiError("REDIS_UNAVAILABLE", `No answer within ${connectTimeoutMs} ms.`)),
      connectTimeoutMs,
    );
  });
  try {
    const info = await Promise.race([
      (async () => {
        const client = await firstServerNode(targetFor(connId, 0));
        // Three sections by name (Redis 7+); an older server ignores the extra names and
        // answers the first, so memory and keyspace are asked for apart there.
        const text = await client.info("server", "memory", "keyspace");
        if (field(text, "used_memory") !== undefined) return text;
        return `${text}\n${await client.info("memory")}\n${await client.info("keyspace")}`;
      })(),
      timeout,
    ]);
    const version = field(info, "valkey_version") ?? field(info, "redis_version");
    const used = field(info, "used_memory");
    return {
      reachable: true,
      ...(version && { version }),
      keys: keyCount(info),
      ...(used !== undefined && { usedMemoryBytes: Number(used) }),
      latencyMs: Math.round(performance.now() - started),
    };
  } catch (e) {
    if (e instanceof ApiError && e.code === "NOT_FOUND") throw e;
    return { reachable: false, error: (e as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
