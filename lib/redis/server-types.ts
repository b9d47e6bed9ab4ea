import "server-only";
import { ApiError } from "@/lib/errors";
import { processState } from "@/lib/process-state";
import { REDIS_TYPES } from "@/lib/redis-types";
import { firstServerNode, targetFor } from "./target";

// Which type names a server has, for SCAN TYPE filters (key pages, bulk jobs): SCAN TYPE with a
// name no key can have walks the whole keyspace and answers "no keys", which reads as "there are
// none" rather than "you mistyped". So a type the server does not have is a 400 naming the ones
// it does: the core types, and those of the modules MODULE LIST reports.

/** The core types: every entry of lib/redis-types.ts that no module brings. */
const CORE_TYPES: readonly string[] = REDIS_TYPES.filter((t) => t.lengthCommand !== null).map(
  (t) => t.name,
);

// MODULE LIST names modules, not the types they register; these are the types of the modules
// Redis ships or commonly runs with (each module's RedisModule_CreateDataType names).
const MODULE_TYPES: Record<string, readonly string[]> = {
  ReJSON: ["ReJSON-RL"],
  bf: ["MBbloom--", "MBbloomCF", "TopK-TYPE", "CMSk-TYPE", "TDIS-TYPE"],
  timeseries: ["TSDB-TYPE"],
  graph: ["graphdata"],
  vectorset: ["vectorset"],
  search: [],
};

/** The types a server has; `any` when it loads a module whose types are not known here. */
export type ServerTypes = { names: readonly string[]; any: boolean };

// Per connection, for a minute: a module loaded at run time (MODULE LOAD) shows up soon after,
// and a key page costs no extra round trip meanwhile.
const CACHE_MS = 60_000;
const cache = processState(
  "serverTypes",
  () => new Map<string, { at: number; types: Promise<ServerTypes> }>(),
);

async function readServerTypes(connId: string, db: number): Promise<ServerTypes> {
  const client = await firstServerNode(targetFor(connId, db));
  let modules: unknown;
  try {
    modules = await client.call("MODULE", "LIST");
  } catch (e) {
    // ACLs and managed services often refuse MODULE: then only the core types are known.
    if (e instanceof Error && e.name === "ReplyError") return { names: CORE_TYPES, any: false };
    throw e;
  }
  const names = [...CORE_TYPES];
  let any = false;
  for (const entry of Array.isArray(modules) ? modules : []) {
    // Each entry is a flat [name, <name>, ver, <n>, …] list in RESP2.
    const fields = Array.isArray(entry) ? entry.map(String) : [];
    const name = fields[fields.indexOf("name") + 1];
    if (name === undefined) continue;
    const types = MODULE_TYPES[name];
    if (types) names.push(...types);
    else any = true;
  }
  return { names, any };
}

/** The type names this connection's server has (cached a minute), for the type dropdowns. */
export function serverTypes(connId: string, db: number): Promise<ServerTypes> {
  const hit = cache.get(connId);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.types;
  const types = readServerTypes(connId, db);
  cache.set(connId, { at: Date.now(), types });
  types.catch(() => cache.delete(connId)); // a failure (Redis away) is not remembered
  return types;
}

/** 400 BAD_REQUEST unless `type` is a type this connection's server has. */
export async function assertServerType(connId: string, db: number, type: string): Promise<void> {
  const { names, any } = await serverTypes(connId, db);
  if (any || names.includes(type)) return;
  throw new ApiError(
    "BAD_REQUEST",
    `type: this server has no type ${JSON.stringify(type)}; it has ${names.join(", ")}.`,
  );
}

export function resetServerTypesForTests(): void {
  cache.clear();
}
