"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { formatBytes, formatCount } from "@/lib/format";
import { connectionStateQuery } from "@/lib/queries";
import type { ConnectionSummary } from "@/lib/schemas/connections";
import { ColorDot, formatMs } from "./colors";
import { ConnectionForm } from "./connection-form";
import { DeleteConnectionButton } from "./delete-connection";

/** One connection: where it points, its flags, its state, and (saved ones) Edit and Delete. */
export function ConnectionRow({
  connection: c,
  editable,
}: {
  connection: ConnectionSummary;
  /** False when connection edits are off on this server (the list says why). */
  editable: boolean;
}) {
  const [editing, setEditing] = useState(false);
  return (
    <li
      data-testid={`connection-${c.id}`}
      className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3"
    >
      <div className="flex min-w-0 flex-1 flex-col gap-0.5">
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <ColorDot color={c.color} />
          <Link
            href={`/c/${encodeURIComponent(c.id)}/db/0`}
            className="truncate font-medium hover:underline"
          >
            {c.name}
          </Link>
          {c.mode !== "standalone" && (
            <span data-testid="mode-badge" className="contents">
              <Badge tone="violet">{c.mode}</Badge>
            </span>
          )}
          {c.production && <Badge tone="red">production</Badge>}
          {c.readOnly && <Badge tone="amber">read-only</Badge>}
          {c.tls && <Badge tone="teal">tls</Badge>}
          {c.source === "env" ? (
            <Badge tone="gray" className="normal-case">
              from the environment
            </Badge>
          ) : (
            <Badge tone="blue">saved</Badge>
          )}
        </div>
        <p className="truncate font-mono text-xs text-zinc-500 dark:text-zinc-400">
          {c.id} · {c.username ? `${c.username}@` : ""}
          {where(c)}
          {c.hasPassword && " · password"}
          {c.mode !== "cluster" && ` · ${c.databases} db`}
          {c.natMapEntries ? ` · ${c.natMapEntries} mapped` : ""}
        </p>
      </div>
      <ConnectionState conn={c.id} />
      <div className="flex w-36 justify-end gap-1">
        {c.source === "saved" && editable ? (
          <>
            <Button size="sm" onClick={() => setEditing(true)}>
              Edit
            </Button>
            <DeleteConnectionButton connection={c} />
          </>
        ) : (
          <span
            className="text-right text-xs text-zinc-500 dark:text-zinc-400"
            title={
              c.source === "env"
                ? "Set by REDIS_URL or KEYSCOPE_CONNECTIONS: change it there and restart"
                : "Connection edits are off on this server"
            }
          >
            not editable here
          </span>
        )}
      </div>
      {editing && (
        <ConnectionForm connection={c} open={editing} onClose={() => setEditing(false)} />
      )}
    </li>
  );
}

/** Where the connection starts: the server, a cluster's seeds, or the master the sentinels watch. */
function where(c: ConnectionSummary): string {
  if (c.mode === "cluster" && c.seeds) return `seeds ${c.seeds.join(", ")}`;
  if (c.mode === "sentinel" && c.sentinels)
    return `${c.masterName} via sentinels ${c.sentinels.join(", ")}`;
  return `${c.host}:${c.port}`;
}

/** Reachable with version, keys and memory; or the error the server met within its timeout. */
function ConnectionState({ conn }: { conn: string }) {
  const q = useQuery(connectionStateQuery(conn));
  const box = "w-72 text-xs";
  if (q.isPending)
    return (
      <span className={`${box} flex items-center gap-2 text-zinc-500`}>
        <Spinner className="size-3" /> checking…
      </span>
    );
  if (q.isError)
    return <span className={`${box} text-red-600 dark:text-red-400`}>{q.error.message}</span>;
  const s = q.data;
  if (!s.reachable)
    return (
      <span
        data-testid="state"
        className={`${box} flex items-start gap-1.5 text-red-700 dark:text-red-400`}
      >
        <span aria-hidden className="mt-1 inline-block size-2 shrink-0 rounded-full bg-red-500" />
        <span className="line-clamp-2 break-words">unreachable: {s.error ?? "no answer"}</span>
      </span>
    );
  return (
    <span
      data-testid="state"
      className={`${box} flex items-center gap-1.5 text-zinc-700 dark:text-zinc-300`}
    >
      <span aria-hidden className="inline-block size-2 shrink-0 rounded-full bg-emerald-500" />
      <span>
        {s.version ? `Redis ${s.version}` : "reachable"}
        {s.keys !== undefined && ` · ${formatCount(s.keys)} keys`}
        {s.usedMemoryBytes !== undefined && ` · ${formatBytes(s.usedMemoryBytes)}`}
        {s.latencyMs !== undefined && ` · ${formatMs(s.latencyMs)}`}
      </span>
    </span>
  );
}
