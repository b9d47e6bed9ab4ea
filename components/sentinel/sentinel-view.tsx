"use client";
import { RedisStaleBadge } from "@/components/app/redis-stale";
import { Badge } from "@/components/ui/badge";
import { Card, Facts } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { DataTable as Table } from "@/components/ui/table";
import { useSentinel } from "@/hooks/use-sentinel";
import { formatAgo, formatCount } from "@/lib/format";
import type { SentinelReport } from "@/lib/schemas/sentinel";

const dash = "—";
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const ms = (n: number | undefined) => (n === undefined ? dash : `${formatCount(n)} ms`);
// The flags a sentinel sets when something is wrong (SENTINEL MASTER/REPLICAS "flags").
const BAD_FLAGS = new Set(["s_down", "o_down", "disconnected", "failover_in_progress"]);

function Flags({ flags }: { flags: string[] }) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      {flags.map((f) => (
        <Badge key={f} tone={BAD_FLAGS.has(f) ? "red" : f === "master" ? "violet" : "gray"}>
          {f}
        </Badge>
      ))}
    </span>
  );
}

function MasterFacts({ data }: { data: SentinelReport }) {
  const m = data.master;
  return (
    <Facts
      rows={[
        ["Master name", data.masterName],
        [
          "Address",
          <span key="a" data-testid="sentinel-master-addr">
            {m.addr}
          </span>,
        ],
        ["Flags", <Flags key="f" flags={m.flags} />],
        ["Quorum", m.quorum ?? dash],
        ["Config epoch", m.configEpoch ?? dash],
        ["Failover timeout", ms(m.failoverTimeoutMs)],
        ["Replication offset", m.offset === undefined ? dash : formatCount(m.offset)],
        ["Last ping answered", m.lastOkPingMs === undefined ? dash : `${ms(m.lastOkPingMs)} ago`],
        ["Read from sentinel", data.askedSentinel],
      ]}
    />
  );
}

/**
 * A Sentinel connection: the master the sentinels name now, its replicas with their lag, the
 * sentinels themselves, and the master changes this Keyscope has seen; polled.
 */
export function SentinelView({ conn }: { conn: string }) {
  const q = useSentinel(conn);
  const data = q.data;
  return (
    <div className="min-h-0 flex-1 overflow-y-auto" data-testid="sentinel-page">
      <div className="mx-auto flex max-w-[1600px] flex-col gap-4 p-4">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-lg font-semibold">Sentinel</h1>
          {data && (
            <>
              <Badge
                tone={data.master.flags.some((f) => BAD_FLAGS.has(f)) ? "red" : "green"}
                className="normal-case"
              >
                {data.masterName}
              </Badge>
              <span className="text-xs text-zinc-500 dark:text-zinc-400">
                master {data.master.addr} · {plural(data.replicas.length, "replica")} ·{" "}
                {plural(data.sentinels.length, "sentinel")}
              </span>
            </>
          )}
          {q.isFetching && <Spinner className="size-3 text-zinc-400" />}
          <RedisStaleBadge conn={conn} />
        </div>
        {q.isError && (
          <Notice tone="error" title="Could not ask the sentinels">
            {q.error.message}
          </Notice>
        )}
        {!data ? (
          !q.isError && (
            <div className="flex items-center gap-2 text-sm text-zinc-500">
              <Spinner /> Asking the sentinels…
            </div>
          )
        ) : (
          <>
            <Card title="Master" testId="sentinel-master" className="max-w-2xl">
              <MasterFacts data={data} />
            </Card>
            <h2 className="text-sm font-semibold">Replicas</h2>
            <Table
              testId="sentinel-replicas"
              head={[
                { label: "Replica" },
                { label: "Flags" },
                { label: "Link" },
                { label: "Offset", right: true },
                { label: "Lag", right: true },
                { label: "Priority", right: true },
                { label: "Last ping", right: true },
              ]}
              rows={data.replicas.map((r) => ({
                key: r.addr,
                cells: [
                  r.addr,
                  <Flags key="f" flags={r.flags} />,
                  r.linkStatus ?? dash,
                  r.offset === undefined ? dash : formatCount(r.offset),
                  r.lagBytes === undefined ? dash : `${formatCount(r.lagBytes)} B`,
                  r.priority ?? dash,
                  ms(r.lastOkPingMs),
                ],
              }))}
              empty="The sentinels know no replica of this master."
            />
            <h2 className="text-sm font-semibold">Sentinels</h2>
            <Table
              testId="sentinel-sentinels"
              head={[
                { label: "Sentinel" },
                { label: "Flags" },
                { label: "Last ping", right: true },
              ]}
              rows={data.sentinels.map((s) => ({
                key: s.addr,
                cells: [s.addr, <Flags key="f" flags={s.flags} />, ms(s.lastOkPingMs)],
              }))}
              empty="No sentinel answered."
            />
            <Card title="Failovers seen" testId="sentinel-failovers" className="max-w-2xl">
              {data.failovers.length === 0 ? (
                <p className="text-sm text-zinc-500 dark:text-zinc-400">
                  None since this Keyscope started watching.
                </p>
              ) : (
                <ul className="flex flex-col gap-1 font-mono text-xs">
                  {data.failovers.map((f) => (
                    <li key={`${f.at}-${f.to}`}>
                      {f.from} → {f.to}{" "}
                      <span className="text-zinc-500 dark:text-zinc-400">{formatAgo(f.at)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          </>
        )}
      </div>
    </div>
  );
}
