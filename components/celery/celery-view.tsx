"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { formatCount } from "@/lib/format";
import { celeryOverviewQuery } from "@/lib/queries/celery";
import { qk } from "@/lib/query-keys";
import { InFlight } from "./in-flight";
import { QueueMessages } from "./queue-messages";
import { QueuesTable } from "./queues-table";
import { ResultsList } from "./results-list";

/** One database as Celery's broker and result backend: queues, messages, in flight, results. */
export function CeleryView({ conn, db }: { conn: string; db: number }) {
  const client = useQueryClient();
  const overview = useQuery(celeryOverviewQuery(conn, db));
  const [picked, setPicked] = useState<string | null>(null);
  const data = overview.data;
  const selected = picked ?? data?.queues.find((q) => q.length > 0)?.name ?? null;
  const total = data?.queues.reduce((n, q) => n + q.length, 0) ?? 0;
  return (
    <div className="min-h-0 flex-1 overflow-y-auto" data-testid="celery">
      <div className="mx-auto flex max-w-[1600px] flex-col gap-4 p-4">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-lg font-semibold">Celery</h1>
          <Badge tone="violet">db {db}</Badge>
          {data && (
            <span className="text-xs text-zinc-500 dark:text-zinc-400">
              {formatCount(data.queues.length)} queues · {formatCount(total)} messages waiting
            </span>
          )}
          <Button
            size="sm"
            className="ml-auto"
            onClick={() => client.invalidateQueries({ queryKey: qk.celery(conn, db) })}
          >
            Refresh
          </Button>
        </div>
        {overview.isError && (
          <Notice tone="error" title="Could not read the Celery queues">
            {overview.error.message}
          </Notice>
        )}
        {data?.capped && (
          <Notice tone="warn" title="The key scan stopped at its limit">
            {data.capped}
          </Notice>
        )}
        <Card testId="celery-queues-card" title="Queues">
          {overview.isPending && (
            <div className="flex items-center gap-2 text-sm text-zinc-500">
              <Spinner /> Finding queues (kombu bindings and priority sub-queues)…
            </div>
          )}
          {data && data.queues.length === 0 && (
            <Notice title={`No Celery queue in db ${db}`}>
              Keyscope looks for kombu&apos;s <span className="font-mono">_kombu.binding.*</span>{" "}
              sets, lists named <span className="font-mono">{"<queue>\\x06\\x16<step>"}</span> and
              the default queue <span className="font-mono">celery</span>. Is the broker on another
              database?
            </Notice>
          )}
          {data && data.queues.length > 0 && (
            <QueuesTable queues={data.queues} selected={selected} onSelect={setPicked} />
          )}
        </Card>
        {selected && <QueueMessages key={selected} conn={conn} db={db} queue={selected} />}
        {data && <InFlight conn={conn} db={db} count={data.unacked} />}
        <ResultsList conn={conn} db={db} />
      </div>
    </div>
  );
}
