"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { formatCount } from "@/lib/format";
import { celeryMessagesQuery, MESSAGES_PAGE } from "@/lib/queries/celery";
import { TaskCard } from "./shared";

/** A window of one queue's messages, the next to run first, across its priority steps. */
export function QueueMessages({ conn, db, queue }: { conn: string; db: number; queue: string }) {
  const [offset, setOffset] = useState(0);
  const q = useQuery(celeryMessagesQuery(conn, db, queue, offset));
  const data = q.data;
  const last = data ? Math.min(data.total, offset + data.messages.length) : 0;
  return (
    <Card
      testId="celery-messages"
      title={
        <span>
          Messages of <span className="font-mono">{queue}</span>
          {data && (
            <span className="ml-2 font-normal text-zinc-500">
              {data.total === 0
                ? "none"
                : `${formatCount(offset + 1)}–${formatCount(last)} of ${formatCount(data.total)}`}
            </span>
          )}
        </span>
      }
      actions={
        <div className="flex gap-1">
          <Button
            size="sm"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - MESSAGES_PAGE))}
          >
            Previous
          </Button>
          <Button
            size="sm"
            disabled={!data || last >= data.total}
            onClick={() => setOffset(offset + MESSAGES_PAGE)}
          >
            Next
          </Button>
        </div>
      }
    >
      {q.isError && (
        <Notice tone="error" title="Could not read the messages">
          {q.error.message}
        </Notice>
      )}
      {q.isPending && (
        <div className="flex items-center gap-2 text-sm text-zinc-500">
          <Spinner /> Reading the queue…
        </div>
      )}
      {data && data.messages.length === 0 && <Notice title="This queue is empty" />}
      {data && data.messages.length > 0 && (
        <ol className="divide-y divide-zinc-100 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {data.messages.map((m, i) => (
            <TaskCard
              // biome-ignore lint/suspicious/noArrayIndexKey: a window's position is its identity
              key={offset + i}
              m={m}
              badges={
                <>
                  <Badge tone="gray">#{offset + i + 1}</Badge>
                  <Badge tone={m.step === 0 ? "blue" : "violet"}>
                    {m.step === 0 ? "plain" : `step ${m.step}`}
                  </Badge>
                </>
              }
            />
          ))}
        </ol>
      )}
    </Card>
  );
}
