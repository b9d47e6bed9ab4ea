import { isIP } from "node:net";

// Host names as the Host header and KEYSCOPE_ALLOWED_HOSTS carry them (lib/allowed-hosts.ts
// says why they are checked). Apart from lib/config.ts's schema, which validates with them.

/**
 * A host name as Host compares: lower case (names are case-insensitive), no brackets around an
 * IPv6 address, no trailing dot (`localhost.` is the same name, written as an absolute one).
 */
export function normaliseHostName(name: string): string {
  let n = name.toLowerCase();
  if (n.startsWith("[") && n.endsWith("]")) n = n.slice(1, -1);
  return n.endsWith(".") ? n.slice(0, -1) : n;
}

/** A DNS name (letters, digits, '-', '_', dots between labels) or an IP address. */
export function isHostName(name: string): boolean {
  if (isIP(name) !== 0) return true;
  return /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/.test(
    name,
  );
}

// `name` or `[v6]`, then an optional `:port`; nothing else (no userinfo, path or spaces).
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::\d{1,5})?$/i;

/** The name a Host header carries, normalised; null when it is missing or malformed. */
export function hostNameOf(header: string | null): string | null {
  const m = header ? HOST_HEADER.exec(header) : null;
  if (!m?.[1]) return null;
  const bracketed = m[1].startsWith("[");
  const name = normaliseHostName(m[1]);
  if (bracketed ? isIP(name) !== 6 : !isHostName(name) || isIP(name) === 6) return null;
  return name;
}
