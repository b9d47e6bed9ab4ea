import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { displayJsonBytes, type JsonBytes } from "@/lib/bytes";
import type { CeleryTaskJson } from "@/lib/schemas/celery";

// What the Celery page's lists share: a task's name and id, its args, a status badge.

/** `proj.resize_image` and the first 8 characters of its id. */
export function TaskName({
  task,
  id,
  fallback = "(not a task message)",
}: {
  task: string | null;
  id: string | null;
  fallback?: string;
}) {
  return (
    <span className="flex min-w-0 flex-wrap items-baseline gap-x-2">
      <span className="font-mono text-sm font-medium">{task ?? fallback}</span>
      {id && (
        <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400" title={id}>
          {id.length > 13 ? `${id.slice(0, 8)}…` : id}
        </span>
      )}
    </span>
  );
}

/** args / kwargs as the server rendered them (Python's repr for pickled bodies). */
export function Code({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <code
      data-testid={testId}
      className="block max-h-40 overflow-auto whitespace-pre-wrap break-all rounded bg-zinc-50 px-2 py-1 font-mono text-xs text-zinc-800 dark:bg-zinc-950 dark:text-zinc-200"
    >
      {children}
    </code>
  );
}

const STATUS_TONES = {
  SUCCESS: "green",
  FAILURE: "red",
  RETRY: "amber",
  REVOKED: "gray",
  STARTED: "blue",
  PENDING: "gray",
} as const;

export function StatusBadge({ status }: { status: string | null }) {
  const tone =
    status && Object.hasOwn(STATUS_TONES, status)
      ? STATUS_TONES[status as keyof typeof STATUS_TONES]
      : "gray";
  return <Badge tone={tone}>{status ?? "unreadable"}</Badge>;
}

/** The message's own bytes, folded away. */
export function RawMessage({ raw }: { raw: JsonBytes }) {
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200">
        Raw message
      </summary>
      <Code>{displayJsonBytes(raw)}</Code>
    </details>
  );
}

export type TaskJson = CeleryTaskJson;

/** One task message: name, args, kwargs, schedule, and why its body could not be read. */
export function TaskCard({ m, badges }: { m: TaskJson; badges?: ReactNode }) {
  const facts = [
    m.eta && `eta ${m.eta}`,
    m.expires && `expires ${m.expires}`,
    m.retries ? `retries ${m.retries}` : null,
    m.priority !== null && `priority ${m.priority}`,
    m.origin && `from ${m.origin}`,
    m.contentType,
  ].filter(Boolean);
  return (
    <li className="flex flex-col gap-1.5 px-3 py-2" data-testid="celery-message">
      <div className="flex flex-wrap items-center gap-2">
        <TaskName task={m.task} id={m.id} />
        {badges}
      </div>
      {(m.args !== null || m.kwargs !== null) && (
        <div className="grid gap-1 sm:grid-cols-2">
          <div>
            <div className="text-[11px] uppercase tracking-wide text-zinc-500">args</div>
            <Code testId="celery-args">{m.args ?? "—"}</Code>
          </div>
          <div>
            <div className="text-[11px] uppercase tracking-wide text-zinc-500">kwargs</div>
            <Code testId="celery-kwargs">{m.kwargs ?? "—"}</Code>
          </div>
        </div>
      )}
      {m.error && <p className="text-xs text-amber-700 dark:text-amber-300">{m.error}</p>}
      {facts.length > 0 && (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{facts.join(" · ")}</p>
      )}
      <RawMessage raw={m.raw} />
    </li>
  );
}
