import { formatTtl } from "@/lib/format";

/** The TTL column of a key row: empty for keys without an expiry. */
export function TtlCell({ ttl }: { ttl: number | undefined }) {
  if (ttl === undefined || ttl < 0) return null;
  return (
    <span className="shrink-0 font-mono text-xs text-amber-700 tabular-nums dark:text-amber-400">
      {formatTtl(ttl)}
    </span>
  );
}
