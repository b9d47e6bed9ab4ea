import "server-only";
import type { Redis } from "ioredis";
import type { ServerFacts } from "@/lib/analysis/report-builder";
import { numberOrNull, parseInfo } from "./info";

// What the report's recommendations need to know of the server: maxmemory and its policy, the
// encoding thresholds (CONFIG GET *-max-*: hash-max-listpack-entries, set-max-intset-entries, …)
// and INFO memory / keyspace. CONFIG is often refused or renamed on managed services: then the
// figures are 0 / "" / {} and the recommendations that need them are not made.

async function configGet(node: Redis, pattern: string): Promise<Map<string, string>> {
  try {
    const reply = (await node.config("GET", pattern)) as string[];
    const out = new Map<string, string>();
    for (let i = 0; i + 1 < reply.length; i += 2)
      out.set(reply[i] as string, reply[i + 1] as string);
    return out;
  } catch {
    return new Map();
  }
}

async function info(node: Redis, section: string) {
  try {
    return parseInfo(await node.info(section));
  } catch {
    return parseInfo("");
  }
}

export async function serverFacts(node: Redis): Promise<ServerFacts> {
  const [maxmemory, policy, limits, memory, keyspace] = await Promise.all([
    configGet(node, "maxmemory"),
    configGet(node, "maxmemory-policy"),
    configGet(node, "*-max-*"),
    info(node, "memory"),
    info(node, "keyspace"),
  ]);
  const thresholds: Record<string, number> = {};
  for (const [name, value] of limits) {
    const n = Number(value);
    if (value !== "" && Number.isFinite(n)) thresholds[name] = n;
  }
  return {
    maxmemoryBytes: Number(maxmemory.get("maxmemory") ?? 0) || 0,
    maxmemoryPolicy: policy.get("maxmemory-policy") ?? "",
    usedMemoryBytes: numberOrNull(memory, "used_memory") ?? 0,
    databasesWithKeys: [...keyspace.keys()].filter((k) => /^db\d+$/.test(k)).length,
    thresholds,
  };
}
