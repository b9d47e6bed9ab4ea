"use client";
import { Button } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import { Spinner } from "@/components/ui/spinner";
import { formatCount } from "@/lib/format";

type Props = {
  loaded: number;
  dbsize: number | undefined;
  /** 0..1: how much of the keyspace the walk has passed (the server's estimate from the cursor). */
  progress: number | undefined;
  filtered: boolean;
  done: boolean;
  /** A cluster changed under the walk: the server's one-line notice (which slots restarted). */
  restarted?: string;
  fetching: boolean;
  scanningAll: boolean;
  onLoadMore: () => void;
  onScanAll: () => void;
  onCancel: () => void;
};

const keysWord = (n: number) => (n === 1 ? "key" : "keys");

/**
 * Under the list: how far the walk got, "Load more", and "Scan all" with progress and cancel.
 * A filtered count is partial until the walk is done, so it says how much was scanned: "176
 * matching keys so far" alone reads like the answer.
 */
export function ScanStatus({
  loaded,
  dbsize,
  progress,
  filtered,
  done,
  restarted,
  fetching,
  scanningAll,
  onLoadMore,
  onScanAll,
  onCancel,
}: Props) {
  const total = dbsize ?? 0;
  const share = done ? 1 : (progress ?? (total > 0 ? Math.min(loaded / total, 1) : 0));
  const pct = Math.floor(share * 100);
  const summary = filtered
    ? done
      ? `${formatCount(loaded)} matching ${keysWord(loaded)} of ${formatCount(total)} ${keysWord(total)}`
      : `${formatCount(loaded)} matching ${keysWord(loaded)} so far · scanned ~${pct}% of ${formatCount(total)} ${keysWord(total)}`
    : `${formatCount(loaded)} of ${formatCount(total)} keys`;
  const showBar = scanningAll || (filtered && !done && total > 0);
  return (
    <div
      className="flex flex-col gap-2 border-t border-zinc-200 px-3 py-2 text-xs text-zinc-600 dark:border-zinc-800 dark:text-zinc-400"
      data-testid="scan-status"
    >
      {showBar && (
        <Progress
          value={filtered ? share : total === 0 ? null : loaded / total}
          label={filtered ? "Share of the keyspace scanned" : "Scanning keys"}
        />
      )}
      {restarted && (
        <p
          className="truncate text-amber-700 dark:text-amber-400"
          role="status"
          title={restarted}
          data-testid="scan-restarted"
        >
          {restarted}
        </p>
      )}
      <div className="flex items-center gap-2">
        <span className="min-w-0 flex-1 truncate tabular-nums" aria-live="polite" title={summary}>
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
