"use client";
import { StaleBadge } from "@/components/ui/stale";
import { useRedisStale } from "@/hooks/use-redis-status";

export { STALE_DIM } from "@/components/ui/stale";
export { useRedisStale } from "@/hooks/use-redis-status";

/**
 * "stale — Redis unreachable since hh:mm:ss" while the connection's Redis is down or hangs,
 * nothing otherwise. Panels that show Redis data put it in their header and dim their figures
 * with STALE_DIM while `useRedisStale(conn).stale`.
 */
export function RedisStaleBadge({ conn, className }: { conn: string; className?: string }) {
  const stale = useRedisStale(conn);
  return stale.stale ? <StaleBadge label={stale.label} className={className} /> : null;
}
