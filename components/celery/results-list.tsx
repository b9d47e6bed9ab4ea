"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { displayJsonBytes } from "@/lib/bytes";
import { formatCount } from "@/lib/format";
import { celeryResultsQuery } from "@/lib/queries/celery";
import { Code, StatusBadge, TaskName } from "./shared";
import type { CeleryResultJson } from "./types";

function ResultRow({ r }: { r: CeleryResultJson }) {
  return (
    <li className="flex flex-col gap-1.5 px-3 py-2" data-testid="celery-result">
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge status={r.status} />
        <TaskName task={r.name} id={r.taskId ?? displayJsonBytes(r.key)} fallback="task" />
        {r.dateDone && (
          <span className="text-xs text-zinc-500 dark:text-zinc-400">done {r.dateDone}</span>
        )}
      </div>
      {r.error ? (
        <p className="font-mono text-sm text-red-700 dark:text-red-300">{r.error}</p>
      ) : (
        r.result !== null && <Code>{r.result}</Code>
      )}
      {r.traceback && (
        <details className="text-xs">
          <summary className="cursor-pointer text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200">
            Traceback
          </summary>
          <pre
            data-testid="celery-traceback"
            className="mt-1 max-h-72 overflow-auto rounded bg-zinc-50 p-2 font-mono text-xs text-zinc-800 dark:bg-zinc-950 dark:text-zinc-200"
          >
            {r.traceback}
          </pre>
        </details>
      )}
      {r.status === null && (
        <p className="text-xs text-zinc-500">
          Not a JSON result (a pickled result_serializer?) — open the key to see it.
        </p>
      )}
      {r.truncated && (
        <p className="text-xs text-amber-700 dark:text-amber-300">
          Over 256 KiB: shown from its start.
        </p>
      )}
    </li>
  );
}

/** Results (celery-task-meta-*), one SCAN page at a time. */
export function ResultsList({ conn, db }: { conn: string; db: number }) {
  const q = useInfiniteQuery(celeryResultsQuery(conn, db));
  const results = q.data?.pages.flatMap((p) => p.results) ?? [];
  return (
    <Card
      testId="celery-results"
      title={`Results${q.data ? ` (${formatCount(results.length)}${q.hasNextPage ? "+" : ""})` : ""}`}
      actions={
        q.hasNextPage && (
          <Button size="sm" disabled={q.isFetchingNextPage} onClick={() => q.fetchNextPage()}>
            {q.isFetchingNextPage ? "Scanning…" : "Scan further"}
          </Button>
        )
      }
    >
      {q.isError && (
        <Notice tone="error" title="Could not read the results">
          {q.error.message}
        </Notice>
      )}
      {q.isPending && (
        <div className="flex items-center gap-2 text-sm text-zinc-500">
          <Spinner /> Scanning for celery-task-meta-* …
        </div>
      )}
      {q.data && results.length === 0 && (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          {q.hasNextPage
            ? "None found yet in the part of the keyspace scanned."
            : "No celery-task-meta-* key in this database (the result backend may use another one)."}
        </p>
      )}
      {results.length > 0 && (
        <ul className="divide-y divide-zinc-100 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {results.map((r) => (
            <ResultRow key={displayJsonBytes(r.key)} r={r} />
          ))}
        </ul>
      )}
    </Card>
  );
}
