// Not server-only: lib/config.ts (read at start-up by instrumentation.ts) imports it.
import { z } from "zod";

// How a connection reaches its data: one server (standalone), the masters of a Redis Cluster
// found from seed nodes, or the master a set of Sentinels names. One place that reads the
// cluster and sentinel spellings (KEYSCOPE_CONNECTIONS entries, `redis+cluster://` URLs, saved
// connections), so the client registry (lib/redis/client.ts) only ever sees a `Topology`.

export const CONNECTION_MODES = ["standalone", "cluster", "sentinel"] as const;
export type ConnectionMode = (typeof CONNECTION_MODES)[number];

/** "host:port" as Redis announces it → "host:port" Keyscope can reach (NAT, SSH tunnels, Docker). */
export type NatMap = Record<string, string>;

export type Topology =
  | { mode: "standalone" }
  /** `seeds`: host:port of the nodes to ask for the cluster's layout; credentials come from `url`. */
  | { mode: "cluster"; seeds: string[]; natMap?: NatMap }
  /**
   * `sentinels`: host:port of the sentinels; `sentinelUsername/Password` their own ACL (from the
   * sentinel URLs); the data nodes' credentials and TLS come from the connection's `url`.
   */
  | {
      mode: "sentinel";
      sentinels: string[];
      masterName: string;
      sentinelUsername?: string;
      sentinelPassword?: string;
      natMap?: NatMap;
    };

const HOST_PORT = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]{1,253}):\d{1,5}$/;

export const hostPort = z
  .string()
  .max(300)
  .refine((s) => HOST_PORT.test(s) && Number(s.slice(s.lastIndexOf(":") + 1)) <= 65535, {
    message: "must be host:port",
  });

export const natMapSchema = z
  .record(hostPort, hostPort)
  .refine((m) => Object.keys(m).length <= 1000, "at most 1,000 entries");

/** "redis://u:p@h:p" or "h:p" → host:port (IPv6 in brackets); null if it is neither. */
export function addrOf(text: string): string | null {
  if (HOST_PORT.test(text)) return text;
  if (!/^rediss?:\/\//i.test(text) || !URL.canParse(text)) return null;
  const u = new URL(text);
  if (!u.hostname) return null;
  return `${u.hostname}:${u.port || "6379"}`;
}

/** Splits "host:port" (IPv6 in brackets) into its parts. */
export function splitAddr(addr: string): { host: string; port: number } {
  const i = addr.lastIndexOf(":");
  return { host: addr.slice(0, i).replace(/^\[|\]$/g, ""), port: Number(addr.slice(i + 1)) };
}

/** host:port as Redis prints it and URLs want it: IPv6 in brackets. */
export function joinAddr(host: string, port: number): string {
  return `${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${port}`;
}

/**
 * `redis+cluster://[user:pass@]h:p,h:p[/]` (or rediss+cluster) → the seeds and a plain URL that
 * carries the credentials and TLS choice (with the first seed as its host); null for other URLs.
 */
export function parseClusterUrl(text: string): { url: string; seeds: string[] } | null {
  const m = /^(rediss?)\+cluster:\/\/(?:([^@/]*)@)?([^/?#]+)\/?$/i.exec(text.trim());
  if (!m) return null;
  const seeds = (m[3] as string).split(",").map((s) => s.trim());
  if (seeds.length === 0 || seeds.length > 100 || !seeds.every((s) => HOST_PORT.test(s)))
    return null;
  const scheme = (m[1] as string).toLowerCase();
  const url = `${scheme}://${m[2] ? `${m[2]}@` : ""}${seeds[0]}`;
  return URL.canParse(url) ? { url, seeds } : null;
}

/** The credentials a sentinel URL carries, for the sentinels themselves (not the data nodes). */
export function sentinelAuth(urls: string[]): {
  sentinelUsername?: string;
  sentinelPassword?: string;
} {
  for (const text of urls) {
    if (!/^rediss?:\/\//i.test(text) || !URL.canParse(text)) continue;
    const u = new URL(text);
    if (u.username || u.password)
      return {
        ...(u.username && { sentinelUsername: decodeURIComponent(u.username) }),
        ...(u.password && { sentinelPassword: decodeURIComponent(u.password) }),
      };
  }
  return {};
}
