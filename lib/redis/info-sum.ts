import "server-only";
import { parseKeyspace } from "./databases";
import type { InfoFields } from "./info";

// A cluster's INFO as one server's: the totals the overview and the sampler show on a cluster.
// Load figures (memory, ops, clients, commands, traffic) add up over every node that answered,
// replicas included, since each uses its own memory and serves its own clients; keys and the
// keyspace add up over the masters only, since a replica holds copies of its master's keys.
// Everything else (version, persistence, replication) is the first master's.

const LOAD_FIELDS = [
  "used_memory",
  "used_memory_peak",
  "used_memory_rss",
  "used_memory_dataset",
  "used_memory_overhead",
  "maxmemory",
  "instantaneous_ops_per_sec",
  "keyspace_hits",
  "keyspace_misses",
  "evicted_keys",
  "expired_keys",
  "connected_clients",
  "blocked_clients",
  "maxclients",
  "total_commands_processed",
  "total_connections_received",
  "rejected_connections",
  "total_net_input_bytes",
  "total_net_output_bytes",
] as const;

function sumOf(infos: InfoFields[], field: string): number | undefined {
  let total = 0;
  let seen = false;
  for (const info of infos) {
    const n = Number(info.get(field));
    if (info.has(field) && Number.isFinite(n)) {
      total += n;
      seen = true;
    }
  }
  return seen ? total : undefined;
}

/** `calls=…,usec=…,…,failed_calls=…` summed field by field; usec_per_call recomputed. */
function sumCmdstat(values: string[]): string {
  const totals = new Map<string, number>();
  for (const v of values)
    for (const kv of v.split(",")) {
      const [k = "", raw = "0"] = kv.split("=", 2);
      if (k !== "usec_per_call") totals.set(k, (totals.get(k) ?? 0) + Number(raw));
    }
  const calls = totals.get("calls") ?? 0;
  totals.set("usec_per_call", calls > 0 ? (totals.get("usec") ?? 0) / calls : 0);
  return [...totals].map(([k, n]) => `${k}=${n}`).join(",");
}

/**
 * One INFO from a cluster's nodes: `masters` (those that answered) and `all` (every node that
 * answered, masters included). The first master gives the fields that are not summed.
 */
export function sumInfo(masters: InfoFields[], all: InfoFields[]): InfoFields {
  const out: InfoFields = new Map(masters[0] ?? all[0] ?? []);
  for (const field of LOAD_FIELDS) {
    const total = sumOf(all, field);
    if (total !== undefined) out.set(field, String(total));
  }
  const used = Number(out.get("used_memory"));
  const rss = Number(out.get("used_memory_rss"));
  if (used > 0 && Number.isFinite(rss)) out.set("mem_fragmentation_ratio", String(rss / used));
  // Command stats over every node: reads served by replicas are commands too.
  const cmdstats = new Map<string, string[]>();
  for (const info of all)
    for (const [k, v] of info)
      if (k.startsWith("cmdstat_")) cmdstats.set(k, [...(cmdstats.get(k) ?? []), v]);
  for (const k of [...out.keys()]) if (k.startsWith("cmdstat_")) out.delete(k);
  for (const [k, vs] of cmdstats) out.set(k, sumCmdstat(vs));
  // The keyspace over the masters, avg_ttl weighed by each node's keys with a TTL.
  for (const k of [...out.keys()]) if (/^db\d+$/.test(k)) out.delete(k);
  const dbs = new Map<number, { keys: number; expires: number; ttl: number }>();
  for (const info of masters) {
    const text = [...info].filter(([k]) => /^db\d+$/.test(k)).map(([k, v]) => `${k}:${v}`);
    for (const [db, k] of parseKeyspace(text.join("\n"))) {
      const d = dbs.get(db) ?? { keys: 0, expires: 0, ttl: 0 };
      d.keys += k.keys;
      d.expires += k.expires;
      d.ttl += k.avgTtlMs * k.expires;
      dbs.set(db, d);
    }
  }
  for (const [db, d] of [...dbs].sort((a, b) => a[0] - b[0]))
    out.set(
      `db${db}`,
      `keys=${d.keys},expires=${d.expires},avg_ttl=${d.expires > 0 ? Math.round(d.ttl / d.expires) : 0}`,
    );
  return out;
}
