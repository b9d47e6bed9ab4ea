"use client";
import { Button } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import { Spinner } from "@/components/ui/spinner";
import { formatCount } from "@/lib/format";

type Props = {
  loaded: number;
  dbsize: number | undefined;
  filtered: boolean;
  done: boolean;
  fetching: boolean;
  scanningAll: boolean;
  onLoadMore: () => void;
  onScanAll: () => void;
  onCancel: () => void;
};

/** Under the list: how far the walk got, "Load more", and "Scan all" with progress and cancel. */
export function ScanStatus({
  loaded,
  dbsize,
  filtered,
  done,
  fetching,
  scanningAll,
  onLoadMore,
  onScanAll,
  onCancel,
}: Props) {
  const total = dbsize ?? 0;
  const summary = filtered
    ? `${formatCount(loaded)} matching ${loaded === 1 ? "key" : "keys"}${done ? "" : " so far"} · ${formatCount(total)} keys in this database`
    : `${formatCount(loaded)} of ${formatCount(total)} keys`;
  return (
    <div
      className="flex flex-col gap-2 border-t border-zinc-200 px-3 py-2 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400"
      data-testid="scan-status"
    >
      {scanningAll && (
        <Progress value={filtered || total === 0 ? null : loaded / total} label="Scanning keys" />
      )}
      <div className="flex items-center gap-2">
        <span className="min-w-0 flex-1 truncate tabular-nums" aria-live="polite">
          {summary}
          {done && " · scan complete"}
        </span>
        {fetching && !scanningAll && <Spinner className="size-3" />}
        {!done && !scanningAll && (
          <>
            <Button size="sm" onClick={onLoadMore} disabled={fetching}>
              Load more
            </Button>
            <Button size="sm" onClick={onScanAll} disabled={fetching}>
              Scan all
            </Button>
          </>
        )}
        {scanningAll && (
          <Button size="sm" variant="danger" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </div>
  );
}
