"use client";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { formatCount } from "@/lib/format";

/** Under a scanned value: how much is loaded, and "Load more" while the cursor is not done. */
export function ScanMore({
  loaded,
  total,
  unit,
  filtered,
  done,
  fetching,
  onMore,
}: {
  loaded: number;
  total: number;
  unit: string;
  filtered: boolean;
  done: boolean;
  fetching: boolean;
  onMore: () => void;
}) {
  const summary = filtered
    ? `${formatCount(loaded)} matching${done ? "" : " so far"} · ${formatCount(total)} ${unit} in all`
    : `${formatCount(loaded)} of ${formatCount(total)} ${unit}`;
  return (
    <div
      className="flex items-center gap-2 border-t border-zinc-200 px-3 py-1.5 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400"
      data-testid="scan-more"
    >
      <span className="min-w-0 flex-1 truncate tabular-nums" aria-live="polite">
        {summary}
        {done && filtered && " · scan complete"}
      </span>
      {fetching && <Spinner className="size-3" />}
      {!done && (
        <Button size="sm" onClick={onMore} disabled={fetching}>
          Load more
        </Button>
      )}
    </div>
  );
}
