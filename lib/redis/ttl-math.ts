/** Seconds left from a PTTL reply, rounded as Redis's own TTL does; -1 no expiry, -2 no key. */
export function ttlSeconds(pttl: number): number {
  return pttl < 0 ? pttl : Math.round(pttl / 1000);
}
