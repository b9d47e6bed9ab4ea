import "server-only";
import { config } from "@/lib/config";
import type { Topology } from "@/lib/connection-modes";
import { allConnections } from "@/lib/connections/store";
import type { ConnectionSummary } from "@/lib/schemas/connections";

/** What the API may say about each connection: where it is, never its URL or credentials. */
export function listConnections(): ConnectionSummary[] {
  const { readOnly } = config();
  return allConnections().map((c) => {
    const url = new URL(c.url);
    return {
      id: c.id,
      name: c.name,
      mode: c.topology?.mode ?? "standalone",
      readOnly: readOnly || c.readOnly,
      production: c.production,
      source: c.source ?? "env",
      host: url.hostname.replace(/^\[|\]$/g, ""),
      port: url.port ? Number(url.port) : 6379,
      ...(url.username && { username: decodeURIComponent(url.username) }),
      tls: url.protocol === "rediss:" || c.tls !== undefined,
      hasPassword: url.password !== "",
      ...modeSummary(c.topology),
      databases: c.topology?.mode === "cluster" ? 1 : (c.databases ?? 16),
      ...(c.color && { color: c.color as ConnectionSummary["color"] }),
    };
  });
}

export function connectionSummary(id: string): ConnectionSummary | undefined {
  return listConnections().find((c) => c.id === id);
}

/** Where a cluster or sentinel connection starts from; the sentinels' password only as a yes/no. */
function modeSummary(t: Topology | undefined): Partial<ConnectionSummary> {
  const natMapEntries = t && t.mode !== "standalone" && t.natMap && Object.keys(t.natMap).length;
  const nat = natMapEntries ? { natMapEntries } : {};
  if (t?.mode === "cluster") return { seeds: t.seeds, ...nat };
  if (t?.mode === "sentinel")
    return {
      sentinels: t.sentinels,
      masterName: t.masterName,
      ...(t.sentinelUsername && { sentinelUsername: t.sentinelUsername }),
      hasSentinelPassword: Boolean(t.sentinelPassword),
      ...nat,
    };
  return {};
}
