import "server-only";
import type { CommandStat, Overview, PersistenceStatus } from "@/lib/schemas/overview";
import { parseKeyspace } from "./databases";

// INFO's text → typed figures. Pure functions: the caller fetches INFO, these only read it, so
// the same parsing serves the overview, the persistence status and the sampler.

export type InfoFields = Map<string, string>;

/** `name:value` lines of any INFO reply; section headers and blank lines are skipped. */
export function parseInfo(text: string): InfoFields {
  const out: InfoFields = new Map();
  for (const line of text.split(/\r?\n/)) {
    if (line === "" || line.startsWith("#")) continue;
    const colon = line.indexOf(":");
    if (colon > 0) out.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return out;
}

/** A number field, or null when the server does not report it (older versions, managed services). */
export function numberOrNull(info: InfoFields, name: string): number | null {
  const raw = info.get(name);
  if (raw === undefined || raw === "") return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

function num(info: InfoFields, name: string): number {
  return numberOrNull(info, name) ?? 0;
}

/** INFO reports "not yet" as -1 for durations. */
function duration(info: InfoFields, name: string): number | null {
  const n = numberOrNull(info, name);
  return n === null || n < 0 ? null : n;
}

export function hitRatio(hits: number, misses: number): number | null {
  return hits + misses === 0 ? null : hits / (hits + misses);
}

/** `k=v,k=v` as INFO writes replicas and command stats. */
function pairs(text: string): Map<string, string> {
  return new Map(text.split(",").map((p) => p.split("=", 2) as [string, string]));
}

export function persistenceFrom(info: InfoFields): PersistenceStatus {
  const aofEnabled = info.get("aof_enabled") === "1";
  return {
    rdbLastSaveTime: num(info, "rdb_last_save_time"),
    rdbChangesSinceLastSave: num(info, "rdb_changes_since_last_save"),
    rdbBgsaveInProgress: info.get("rdb_bgsave_in_progress") === "1",
    rdbLastBgsaveStatus: info.get("rdb_last_bgsave_status") ?? "unknown",
    aofEnabled,
    aofRewriteInProgress: info.get("aof_rewrite_in_progress") === "1",
    aofLastBgrewriteStatus: info.get("aof_last_bgrewrite_status") ?? "unknown",
    rdbLastBgsaveDurationSec: duration(info, "rdb_last_bgsave_time_sec"),
    rdbCurrentBgsaveSec: duration(info, "rdb_current_bgsave_time_sec"),
    aofRewriteScheduled: info.get("aof_rewrite_scheduled") === "1",
    aofLastRewriteDurationSec: duration(info, "aof_last_rewrite_time_sec"),
    aofCurrentRewriteSec: duration(info, "aof_current_rewrite_time_sec"),
    aofLastWriteStatus: info.get("aof_last_write_status") ?? null,
    aofSizeBytes: aofEnabled ? numberOrNull(info, "aof_current_size") : null,
    loading: info.get("loading") === "1",
  };
}

/** INFO commandstats: `cmdstat_get:calls=1,usec=9,usec_per_call=9.00,…`; subcommands as `config|set`. */
export function commandStats(info: InfoFields): CommandStat[] {
  const out: CommandStat[] = [];
  for (const [field, value] of info) {
    if (!field.startsWith("cmdstat_")) continue;
    const p = pairs(value);
    out.push({
      name: field.slice("cmdstat_".length).replace("|", " "),
      calls: Number(p.get("calls") ?? 0),
      usec: Number(p.get("usec") ?? 0),
      usecPerCall: Number(p.get("usec_per_call") ?? 0),
      failedCalls: Number(p.get("failed_calls") ?? 0),
    });
  }
  return out;
}

function topBy(stats: CommandStat[], by: "calls" | "usec", n: number): CommandStat[] {
  return [...stats].sort((a, b) => b[by] - a[by]).slice(0, n);
}

function replicationFrom(info: InfoFields): Overview["replication"] {
  const replicas: Overview["replication"]["replicas"] = [];
  for (const [field, value] of info) {
    if (!/^slave\d+$/.test(field)) continue;
    const p = pairs(value);
    replicas.push({
      address: `${p.get("ip") ?? "?"}:${p.get("port") ?? "?"}`,
      state: p.get("state") ?? "unknown",
      offset: Number(p.get("offset") ?? 0),
      lag: Number(p.get("lag") ?? 0),
    });
  }
  const master = info.get("master_host");
  return {
    role: roleOf(info),
    connectedReplicas: num(info, "connected_slaves"),
    offset: num(info, "master_repl_offset"),
    replicas,
    master: master
      ? {
          host: master,
          port: num(info, "master_port"),
          linkStatus: info.get("master_link_status") ?? null,
        }
      : null,
  };
}

/** Redis still says "slave" in INFO; the API says "replica". */
function roleOf(info: InfoFields): string {
  const role = info.get("role") ?? "unknown";
  return role === "slave" ? "replica" : role;
}

/** The overview from one `INFO all` reply; `rates` come from the sampler. */
export function overviewFrom(
  info: InfoFields,
  extra: { databases: number; rates: Overview["stats"]["rates"]; sampledAt: number },
): Overview {
  const valkey = info.get("valkey_version");
  const used = num(info, "used_memory");
  const maxmemory = num(info, "maxmemory");
  const hits = num(info, "keyspace_hits");
  const misses = num(info, "keyspace_misses");
  const keyspaceText = [...info]
    .filter(([k]) => /^db\d+$/.test(k))
    .map(([k, v]) => `${k}:${v}`)
    .join("\n");
  const commands = commandStats(info);
  return {
    server: {
      version: valkey ?? info.get("redis_version") ?? "unknown",
      mode: info.get("server_mode") ?? info.get("redis_mode") ?? "standalone",
      role: roleOf(info),
      uptimeSeconds: num(info, "uptime_in_seconds"),
      flavor: valkey ? "valkey" : "redis",
      configFile: info.get("config_file") || null,
      databases: extra.databases,
      os: info.get("os") ?? null,
      processId: numberOrNull(info, "process_id"),
      tcpPort: numberOrNull(info, "tcp_port"),
    },
    memory: {
      usedBytes: used,
      peakBytes: num(info, "used_memory_peak"),
      maxmemoryBytes: maxmemory,
      policy: info.get("maxmemory_policy") ?? "unknown",
      fragmentationRatio: numberOrNull(info, "mem_fragmentation_ratio"),
      rssBytes: numberOrNull(info, "used_memory_rss"),
      datasetBytes: numberOrNull(info, "used_memory_dataset"),
      overheadBytes: numberOrNull(info, "used_memory_overhead"),
      usedOfMaxmemory: maxmemory > 0 ? used / maxmemory : null,
    },
    stats: {
      opsPerSec: num(info, "instantaneous_ops_per_sec"),
      hits,
      misses,
      hitRatio: hitRatio(hits, misses),
      evictedKeys: num(info, "evicted_keys"),
      expiredKeys: num(info, "expired_keys"),
      connectedClients: num(info, "connected_clients"),
      totalCommands: num(info, "total_commands_processed"),
      totalConnections: num(info, "total_connections_received"),
      rejectedConnections: num(info, "rejected_connections"),
      netInputBytes: num(info, "total_net_input_bytes"),
      netOutputBytes: num(info, "total_net_output_bytes"),
      rates: extra.rates,
    },
    persistence: persistenceFrom(info),
    clients: {
      connected: num(info, "connected_clients"),
      blocked: num(info, "blocked_clients"),
      max: numberOrNull(info, "maxclients"),
    },
    replication: replicationFrom(info),
    keyspace: [...parseKeyspace(keyspaceText)]
      .map(([db, k]) => ({ db, ...k }))
      .sort((a, b) => a.db - b.db),
    commands: { byCalls: topBy(commands, "calls", 10), byTime: topBy(commands, "usec", 10) },
    sampledAt: extra.sampledAt,
  };
}

/** CONFIG GET's flat [name, value, name, value…] reply as a map. */
export function configMap(reply: unknown): Map<string, string> {
  const flat = (reply as unknown[]).map(String);
  const out = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) out.set(flat[i] as string, flat[i + 1] as string);
  return out;
}
