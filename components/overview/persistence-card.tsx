"use client";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, Facts } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { useNow } from "@/hooks/use-now";
import { usePersistence, usePersistenceAction } from "@/hooks/use-persistence";
import { formatAgo, formatBytes, formatCount } from "@/lib/format";
import { NodeTitle } from "./node-picker";
import { SettingDialog } from "./setting-dialog";

function StatusBadge({ status }: { status: string | null }) {
  if (status === null) return <>—</>;
  return <Badge tone={status === "ok" ? "green" : "red"}>{status}</Badge>;
}

function Running({ label, seconds }: { label: string; seconds: number | null }) {
  return (
    <span className="inline-flex items-center gap-1.5 text-indigo-600 dark:text-indigo-400">
      <Spinner className="size-3" /> {label}
      {seconds !== null && ` for ${seconds}s`}
    </span>
  );
}

/** RDB snapshots and the AOF: status that updates live, BGSAVE, BGREWRITEAOF, AOF on/off. */
export function PersistenceCard({
  conn,
  canWrite,
  node = null,
}: {
  conn: string;
  canWrite: boolean;
  /** On a cluster: the picked node (null: the first master, named in the title). */
  node?: string | null;
}) {
  const status = usePersistence(conn, node);
  const bgsave = usePersistenceAction(conn, "bgsave", node);
  const rewrite = usePersistenceAction(conn, "bgrewriteaof", node);
  const [switching, setSwitching] = useState(false);
  const now = useNow(1000);
  const p = status.data;
  if (!p) {
    return (
      <Card title="Persistence" testId="persistence-card">
        {status.isError ? <Notice tone="error">{status.error.message}</Notice> : <Spinner />}
      </Card>
    );
  }
  const rewriting = p.aofRewriteInProgress || p.aofRewriteScheduled;
  const failure = bgsave.error ?? rewrite.error;
  return (
    <Card
      title={<NodeTitle title="Persistence" node={p.node} picked={node} />}
      testId="persistence-card"
    >
      <div className="flex flex-col gap-2">
        <div className="flex items-center gap-2">
          <h3 className="flex-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase">
            RDB snapshots
          </h3>
          {canWrite && (
            <Button
              size="sm"
              disabled={p.rdbBgsaveInProgress || bgsave.isPending}
              onClick={() => bgsave.mutate()}
            >
              Save now (BGSAVE)
            </Button>
          )}
        </div>
        <Facts
          rows={[
            [
              "Last save",
              <span key="s" data-testid="rdb-status">
                {p.rdbBgsaveInProgress ? (
                  <Running label="saving" seconds={p.rdbCurrentBgsaveSec} />
                ) : (
                  <>
                    {formatAgo(p.rdbLastSaveTime, now)}{" "}
                    <StatusBadge status={p.rdbLastBgsaveStatus} />
                    {p.rdbLastBgsaveDurationSec !== null && ` took ${p.rdbLastBgsaveDurationSec}s`}
                  </>
                )}
              </span>,
            ],
            ["Changes since", formatCount(p.rdbChangesSinceLastSave)],
          ]}
        />
      </div>
      <div className="flex flex-col gap-2 border-t border-zinc-100 pt-3 dark:border-zinc-800">
        <div className="flex items-center gap-2">
          <h3 className="flex-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase">
            Append-only file
          </h3>
          {canWrite && p.aofEnabled && (
            <Button
              size="sm"
              disabled={rewriting || rewrite.isPending}
              onClick={() => rewrite.mutate()}
            >
              Rewrite (BGREWRITEAOF)
            </Button>
          )}
          {canWrite && (
            <Button size="sm" variant="ghost" onClick={() => setSwitching(true)}>
              {p.aofEnabled ? "Turn off…" : "Turn on…"}
            </Button>
          )}
        </div>
        <Facts
          rows={[
            [
              "AOF",
              <Badge key="aof" tone={p.aofEnabled ? "green" : "gray"}>
                {p.aofEnabled ? "on" : "off"}
              </Badge>,
            ],
            [
              "Last rewrite",
              <span key="r" data-testid="aof-status">
                {rewriting ? (
                  <Running
                    label={p.aofRewriteInProgress ? "rewriting" : "scheduled after the save"}
                    seconds={p.aofCurrentRewriteSec}
                  />
                ) : (
                  <>
                    <StatusBadge status={p.aofLastBgrewriteStatus} />
                    {p.aofLastRewriteDurationSec !== null &&
                      ` took ${p.aofLastRewriteDurationSec}s`}
                  </>
                )}
              </span>,
            ],
            ...(p.aofEnabled
              ? ([
                  ["Last write", <StatusBadge key="w" status={p.aofLastWriteStatus} />],
                  ["Size", formatBytes(p.aofSizeBytes)],
                ] as [string, React.ReactNode][])
              : []),
          ]}
        />
      </div>
      {failure && <Notice tone="warn">{failure.message}</Notice>}
      {switching && (
        <SettingDialog
          conn={conn}
          node={node}
          name="appendonly"
          current={p.aofEnabled ? "yes" : "no"}
          initial={p.aofEnabled ? "no" : "yes"}
          onClose={() => setSwitching(false)}
        />
      )}
    </Card>
  );
}
