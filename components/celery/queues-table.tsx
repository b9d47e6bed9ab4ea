"use client";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { displayJsonBytes } from "@/lib/bytes";
import { formatCount } from "@/lib/format";
import { TaskName } from "./shared";
import type { CeleryQueueJson } from "./types";

/** The queues: total across priority steps, each step's count, the next message. */
export function QueuesTable({
  queues,
  selected,
  onSelect,
}: {
  queues: CeleryQueueJson[];
  selected: string | null;
  onSelect: (name: string) => void;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="celery-queues">
        <thead className="text-xs text-zinc-500 dark:text-zinc-400">
          <tr className="border-b border-zinc-200 dark:border-zinc-800">
            <th className="px-2 py-1.5 font-medium">Queue</th>
            <th className="px-2 py-1.5 text-right font-medium">Messages</th>
            <th className="px-2 py-1.5 font-medium">Priority steps</th>
            <th className="px-2 py-1.5 font-medium">Next to run</th>
          </tr>
        </thead>
        <tbody>
          {queues.map((q) => (
            <tr
              key={q.name}
              data-testid="celery-queue"
              aria-selected={selected === q.name}
              onClick={() => onSelect(q.name)}
              className={cn(
                "cursor-pointer border-b border-zinc-100 hover:bg-zinc-50 dark:border-zinc-800/60 dark:hover:bg-zinc-800/40",
                selected === q.name && "bg-indigo-50 dark:bg-indigo-950/40",
              )}
            >
              <td className="px-2 py-1.5">
                <button
                  type="button"
                  className="font-mono font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                  onClick={() => onSelect(q.name)}
                >
                  {q.name}
                </button>
                {!q.bound && (
                  <span
                    className="ml-2 text-xs text-zinc-500"
                    title="No _kombu.binding.* set names it"
                  >
                    unbound
                  </span>
                )}
              </td>
              <td
                className="px-2 py-1.5 text-right font-mono tabular-nums"
                data-testid="celery-queue-length"
              >
                {formatCount(q.length)}
              </td>
              <td className="px-2 py-1.5">
                <span className="flex flex-wrap gap-1">
                  {q.subqueues.map((s) => (
                    <span key={displayJsonBytes(s.key)} title={displayJsonBytes(s.key)}>
                      <Badge tone={s.priority === 0 ? "blue" : "violet"}>
                        {s.priority === 0 ? "plain" : `step ${s.priority}`}: {formatCount(s.length)}
                      </Badge>
                    </span>
                  ))}
                </span>
              </td>
              <td className="px-2 py-1.5">
                {q.oldest ? (
                  <span className="flex flex-col">
                    <TaskName task={q.oldest.task} id={q.oldest.id} />
                    {q.oldest.eta && (
                      <span className="text-xs text-zinc-500">eta {q.oldest.eta}</span>
                    )}
                  </span>
                ) : (
                  <span className="text-xs text-zinc-400">empty</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
