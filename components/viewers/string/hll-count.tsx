"use client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useEditValue } from "@/hooks/use-key-mutations";
import type { JsonBytes } from "@/lib/bytes";
import { formatCount } from "@/lib/format";

type Props = {
  target: { conn: string; db: number; key: JsonBytes };
  /** The count Redis cached in the sketch's header, or null when that cache is stale. */
  count: number | null;
  writable: boolean;
};

/**
 * A HyperLogLog's estimated count. Reading it never writes: the server takes the count Redis
 * cached in the header. When that cache is stale, counting is a separate action, because
 * PFCOUNT rewrites the cache (a write, refused in read-only mode).
 */
export function HllCount({ target, count, writable }: Props) {
  const edit = useEditValue(target);
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="hll-count">
      <Badge tone="violet">HyperLogLog</Badge>
      {count !== null ? (
        <span>
          about <b className="font-mono tabular-nums">{formatCount(count)}</b> distinct elements
          (cached by Redis)
        </span>
      ) : (
        <>
          <span className="text-zinc-500">count not cached since the last change</span>
          {writable ? (
            <Button
              size="sm"
              onClick={() => edit.mutate({ op: "pfcount" })}
              disabled={edit.isPending}
              title="Runs PFCOUNT, which writes the count into the key's header"
            >
              Count (PFCOUNT writes its cache)
            </Button>
          ) : (
            <span className="text-xs text-zinc-500">
              (counting writes to the key, which read-only mode does not allow)
            </span>
          )}
        </>
      )}
    </p>
  );
}
