"use client";
import { useState } from "react";
import { NodeErrors } from "@/components/diagnostics/node-errors";
import { SettingChip, ToolHeader } from "@/components/diagnostics/setting-chip";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Select } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { useConnection } from "@/hooks/use-connections";
import { useResetSlowlog, useSlowlog } from "@/hooks/use-slowlog";
import { formatCount } from "@/lib/format";
import { SLOWLOG_DEFAULT_COUNT, SLOWLOG_MAX_COUNT } from "@/lib/schemas/diagnostics";
import { SlowlogTable } from "./slowlog-table";

const COUNTS = [10, 25, 50, SLOWLOG_DEFAULT_COUNT, 500, 1000];

/** What the empty slowlog means, and how to get an entry into it. */
function EmptyState({
  slowerThanUs,
  maxLen,
}: {
  slowerThanUs: number | null;
  maxLen: number | null;
}) {
  if (slowerThanUs !== null && slowerThanUs < 0)
    return (
      <Notice title="The slowlog is off">
        slowlog-log-slower-than is {slowerThanUs}: no command is logged. Set it to 0 or more to log
        commands slower than that many microseconds.
      </Notice>
    );
  if (maxLen === 0)
    return (
      <Notice title="The slowlog keeps no entries">
        slowlog-max-len is 0: Redis logs slow commands but keeps none. Raise it (128 is the
        default).
      </Notice>
    );
  return (
    <Notice
      title={`No command slower than ${slowerThanUs === null ? "the threshold" : `${formatCount(slowerThanUs)} µs`} yet`}
    >
      Commands that take longer appear here. To see one, lower the threshold (0 logs every command)
      or run a slow command, e.g. <code className="font-mono">DEBUG SLEEP 0.1</code> or a big{" "}
      <code className="font-mono">SORT</code>, from the console.
    </Notice>
  );
}

/** The slowlog: recent slow commands, the two settings, reset, refresh. */
export function SlowlogView({ conn }: { conn: string }) {
  const [count, setCount] = useState(SLOWLOG_DEFAULT_COUNT);
  const [unit, setUnit] = useState<"us" | "ms">("us");
  const [auto, setAuto] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const slowlog = useSlowlog(conn, count, auto);
  const reset = useResetSlowlog(conn);
  const toast = useToast();
  const { connection } = useConnection(conn);
  const canWrite = connection !== undefined && !connection.readOnly;
  const data = slowlog.data;
  // "All" is as many as the server keeps, within what one request may ask for.
  const all = data?.maxLen ? Math.min(Math.max(data.maxLen, 1), SLOWLOG_MAX_COUNT) : null;
  const counts = [...new Set([...COUNTS, ...(all ? [all] : [])])].sort((a, b) => a - b);
  return (
    <div className="min-h-0 flex-1 overflow-y-auto" data-testid="slowlog">
      <div className="mx-auto flex max-w-[1600px] flex-col gap-3 p-4">
        <ToolHeader title="Slowlog">
          {data && (
            <>
              <SettingChip
                conn={conn}
                name="slowlog-log-slower-than"
                value={data.slowerThanUs}
                canWrite={canWrite}
              />
              <SettingChip
                conn={conn}
                name="slowlog-max-len"
                value={data.maxLen}
                canWrite={canWrite}
              />
              <span
                className="text-xs text-zinc-500 dark:text-zinc-400"
                data-testid="slowlog-length"
              >
                {formatCount(data.length)} held · {formatCount(data.entries.length)} shown
              </span>
            </>
          )}
          {slowlog.isFetching && <Spinner className="size-3 text-zinc-400" />}
          <div className="ml-auto flex flex-wrap items-center gap-2">
            <label className="flex items-center gap-1 text-xs">
              Show
              <Select
                aria-label="Entries to show"
                value={count}
                onChange={(e) => setCount(Number(e.target.value))}
              >
                {counts.map((n) => (
                  <option key={n} value={n}>
                    {n === all ? `${formatCount(n)} (all kept)` : formatCount(n)}
                  </option>
                ))}
              </Select>
            </label>
            <div
              className="flex rounded-md border border-zinc-300 text-xs dark:border-zinc-700"
              role="group"
              aria-label="Duration unit"
            >
              {(["us", "ms"] as const).map((u) => (
                <button
                  key={u}
                  type="button"
                  aria-pressed={unit === u}
                  onClick={() => setUnit(u)}
                  className={
                    unit === u
                      ? "bg-zinc-100 px-2 py-1 font-medium dark:bg-zinc-800"
                      : "px-2 py-1 text-zinc-500 dark:text-zinc-400"
                  }
                >
                  {u === "us" ? "µs" : "ms"}
                </button>
              ))}
            </div>
            <label className="flex items-center gap-1 text-xs">
              <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} />
              Auto-refresh (5 s)
            </label>
            <Button size="sm" onClick={() => slowlog.refetch()} disabled={slowlog.isFetching}>
              Refresh
            </Button>
            {canWrite && (
              <Button
                size="sm"
                variant="danger"
                onClick={() => setConfirming(true)}
                disabled={!data}
              >
                Reset…
              </Button>
            )}
          </div>
        </ToolHeader>
        {slowlog.isError && (
          <Notice tone="error" title="Could not read the slowlog">
            {slowlog.error.message}
          </Notice>
        )}
        <NodeErrors nodes={data?.nodes} />
        {!data && slowlog.isPending && (
          <div className="flex items-center gap-2 text-sm text-zinc-500">
            <Spinner /> Reading SLOWLOG…
          </div>
        )}
        {data &&
          (data.entries.length === 0 ? (
            <EmptyState slowerThanUs={data.slowerThanUs} maxLen={data.maxLen} />
          ) : (
            <SlowlogTable entries={data.entries} unit={unit} />
          ))}
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Redis cuts each argument at 128 bytes and keeps 32 arguments per entry; durations are the
          command's execution only, not network or queueing time.
        </p>
      </div>
      {confirming && (
        <Dialog open onClose={() => setConfirming(false)} title="Reset the slowlog?">
          <div className="flex flex-col gap-3 text-sm">
            <p>
              SLOWLOG RESET deletes all {data ? formatCount(data.length) : ""} entries on the
              server, for everyone who looks at them. It cannot be undone.
            </p>
            {reset.isError && <Notice tone="error">{reset.error.message}</Notice>}
            <div className="flex justify-end gap-2">
              <Button onClick={() => setConfirming(false)}>Cancel</Button>
              <Button
                variant="danger"
                disabled={reset.isPending}
                onClick={() =>
                  reset.mutate(undefined, {
                    onSuccess: () => {
                      toast.show("success", "The slowlog is empty now");
                      setConfirming(false);
                    },
                  })
                }
              >
                Reset (SLOWLOG RESET)
              </Button>
            </div>
          </div>
        </Dialog>
      )}
    </div>
  );
}
