import "server-only";
import type { Redis } from "ioredis";
import { config } from "@/lib/config";
import { ApiError } from "@/lib/errors";
import { connectionConfig } from "@/lib/redis/client";
import { firstServerNode, type RedisTarget, targetFor } from "@/lib/redis/target";
import type { ConnectionState } from "@/lib/schemas/connections";

// GET /api/connections/{conn}/state: the connection page's line for one connection, from one
// INFO through the connection's shared client (no new socket per look). The page asks for every
// connection at once; each answer is bounded by the connect timeout, so one dead or paused Redis
// slows only its own line. On a cluster the line is the masters' sums (keys, memory), from one
// INFO per master in parallel; a master that does not answer makes the line unreachable, naming
// it, as the status probe does (lib/redis/probe.ts).

function field(info: string, name: string): string | undefined {
  return new RegExp(`^${name}:(.*)$`, "m").exec(info)?.[1]?.trim();
}

/** The sum of `keys=` over INFO keyspace's db lines (what DBSIZE of each database says). */
function keyCount(info: string): number {
  let keys = 0;
  for (const m of info.matchAll(/^db\d+:keys=(\d+)/gm)) keys += Number(m[1]);
  return keys;
}

async function serverInfo(client: Redis): Promise<string> {
  // Three sections by name (Redis 7+); an older server ignores the extra names and
  // answers the first, so memory and keyspace are asked for apart there.
  const text = await client.info("server", "memory", "keyspace");
  if (field(text, "used_memory") !== undefined) return text;
  return `${text}\n${await client.info("memory")}\n${await client.info("keyspace")}`;
}

/** The one server's INFO, or each master's of a cluster (the first failure names its master). */
async function readInfos(target: RedisTarget): Promise<string[]> {
  if (target.kind !== "cluster") return [await serverInfo(await firstServerNode(target))];
  const masters = await target.masters();
  return Promise.all(
    masters.map((m) =>
      serverInfo(m.client).catch((e: Error) => {
        throw new Error(`master ${m.addr}: ${e.message}`);
      }),
    ),
  );
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
    const infos = await Promise.race([readInfos(targetFor(connId, 0)), timeout]);
    const [first = ""] = infos;
    const version = field(first, "valkey_version") ?? field(first, "redis_version");
    const used = infos.map((i) => field(i, "used_memory")).filter((u) => u !== undefined);
    return {
      reachable: true,
      ...(version && { version }),
      keys: infos.reduce((sum, i) => sum + keyCount(i), 0),
      ...(used.length > 0 && { usedMemoryBytes: used.reduce((sum, u) => sum + Number(u), 0) }),
      latencyMs: Math.round(performance.now() - started),
    };
  } catch (e) {
    if (e instanceof ApiError && e.code === "NOT_FOUND") throw e;
    return { reachable: false, error: (e as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
