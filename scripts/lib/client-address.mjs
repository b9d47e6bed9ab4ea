// The client address Keyscope records (login throttling and the audit log key on it), from the
// socket and, behind trusted reverse proxies, X-Forwarded-For. Pure, so it is unit-tested
// (client-address.test.ts); scripts/server.mjs calls it for every request.
import { isIPv4, isIPv6 } from "node:net";

const TRUE = ["1", "true", "yes", "on"];
const FALSE = ["", "0", "false", "no", "off"];
/** More proxies than this in one chain is a typo, not a set-up. */
export const MAX_HOPS = 20;

/**
 * KEYSCOPE_TRUST_PROXY as a hop count: how many reverse proxies in front of Keyscope append to
 * X-Forwarded-For. `1`/true/yes/on is one hop (what `1` always meant), off/unset is none.
 * lib/config.ts parses the same values (and refuses the rest at start-up).
 * @param {string | undefined} value
 * @returns {number} hops, or NaN for a value that is neither a flag nor a whole number
 */
export function trustedHops(value) {
  const v = (value ?? "").trim().toLowerCase();
  if (FALSE.includes(v)) return 0;
  if (TRUE.includes(v)) return 1;
  return /^\d{1,2}$/.test(v) && Number(v) <= MAX_HOPS ? Number(v) : Number.NaN;
}

/**
 * One address in its canonical form: IPv4 dotted quad, IPv6 compressed lower case (an
 * IPv4-mapped IPv6 address as the IPv4 it maps), or null when `raw` is not an IP address.
 * A port (`1.2.3.4:80`, `[::1]:80`, as some proxies write them) is dropped; a zone id is not
 * an address and is refused.
 * @param {string} raw
 * @returns {string | null}
 */
export function normaliseAddress(raw) {
  let s = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(s);
  if (bracketed?.[1]) s = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d{1,5}$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  if (isIPv4(s)) return s;
  if (!isIPv6(s) || s.includes("%")) return null;
  // The URL parser prints an IPv6 host in its canonical (RFC 5952) form.
  const v6 = new URL(`http://[${s}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v6);
  if (!mapped?.[1] || !mapped[2]) return v6;
  const hi = Number.parseInt(mapped[1], 16);
  const lo = Number.parseInt(mapped[2], 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/**
 * The client's address. Each trusted proxy appends the address it was connected from to
 * X-Forwarded-For, so with `hops` proxies the client is the `hops`-th entry from the right:
 * entries to its left were sent by the client and say whatever it likes. With fewer entries
 * than hops the left-most is taken (the request passed fewer proxies; what the first one
 * appended is still its own). An entry that is not an IP address, or no entry, gives the
 * socket address: nothing but an address is ever recorded.
 * @param {{ forwardedFor?: string | string[] | undefined, remoteAddress?: string | undefined, hops: number }} input
 * @returns {string}
 */
export function clientAddress({ forwardedFor, remoteAddress, hops }) {
  const socket = normaliseAddress(remoteAddress ?? "") ?? "unknown";
  if (!(hops > 0) || forwardedFor === undefined) return socket;
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e !== "");
  const entry = entries[Math.max(0, entries.length - hops)];
  return (entry !== undefined && normaliseAddress(entry)) || socket;
}
