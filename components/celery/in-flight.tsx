"use client";
import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { displayJsonBytes } from "@/lib/bytes";
import { formatCount, formatTtl } from "@/lib/format";
import { celeryUnackedQuery } from "@/lib/queries/celery";
import { TaskCard } from "./shared";

/** Messages workers took and have not acked (kombu's unacked hash), longest held first. */
export function InFlight({ conn, db, count }: { conn: string; db: number; count: number }) {
  const q = useQuery({ ...celeryUnackedQuery(conn, db, 0), enabled: count > 0 });
  return (
    <Card testId="celery-unacked" title={`In flight (${formatCount(count)} unacked)`}>
      {count === 0 && (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          No message is held by a worker (the <span className="font-mono">unacked</span> hash is
          empty).
        </p>
      )}
      {q.isError && (
        <Notice tone="error" title="Could not read the unacked messages">
          {q.error.message}
        </Notice>
      )}
      {q.data && q.data.messages.length > 0 && (
        <ul className="divide-y divide-zinc-100 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {q.data.messages.map((m) => (
            <TaskCard
              key={displayJsonBytes(m.tag)}
              m={m}
              badges={
                <>
                  {m.ageSeconds !== null && (
                    <Badge tone="amber">held {formatTtl(m.ageSeconds)}</Badge>
                  )}
                  {m.routingKey && <Badge tone="gray">{m.routingKey}</Badge>}
                </>
              }
            />
          ))}
        </ul>
      )}
    </Card>
  );
}
