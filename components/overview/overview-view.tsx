"use client";
import { useState } from "react";
import { RedisStaleBadge, STALE_DIM, useRedisStale } from "@/components/app/redis-stale";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { useConnection } from "@/hooks/use-connections";
import { useOverview } from "@/hooks/use-overview";
import { formatTtl } from "@/lib/format";
import { HistoryCharts } from "./history-charts";
import { KeyspaceCard } from "./keyspace-card";
import { NodePicker } from "./node-picker";
import { PersistenceCard } from "./persistence-card";
import { ClientsCard, CommandsCard, MemoryCard, ServerCard } from "./server-cards";
import { SettingsCard } from "./settings-card";
import { StatTiles } from "./stat-tiles";

/** The server's health: figures, charts with history, and (unless read-only) its actions. */
export function OverviewView({ conn }: { conn: string }) {
  // On a cluster: null shows the totals, a host:port that node alone.
  const [node, setNode] = useState<string | null>(null);
  const overview = useOverview(conn, node);
  const { connection } = useConnection(conn);
  // Write controls wait for the connection list, so a read-only one never flashes them.
  const canWrite = connection !== undefined && !connection.readOnly;
  const data = overview.data;
  const stale = useRedisStale(conn).stale;
  return (
    <div className="min-h-0 flex-1 overflow-y-auto" data-testid="overview">
      <div className="mx-auto flex max-w-[1600px] flex-col gap-4 p-4">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-lg font-semibold">Server health</h1>
          {data && (
            <>
              <Badge tone="violet">
                {data.server.flavor} {data.server.version}
              </Badge>
              <Badge>{data.server.mode}</Badge>
              <Badge>{data.server.role}</Badge>
              <span className="text-xs text-zinc-500 dark:text-zinc-400">
                up {formatTtl(data.server.uptimeSeconds) || "0s"}
              </span>
            </>
          )}
          {data?.cluster && <NodePicker cluster={data.cluster} value={node} onChange={setNode} />}
          {overview.isFetching && <Spinner className="size-3 text-zinc-400" />}
          <RedisStaleBadge conn={conn} />
        </div>
        {overview.isError && (
          <Notice tone="error" title="Could not read the server's figures">
            {overview.error.message}
          </Notice>
        )}
        {!data ? (
          !overview.isError && (
            <div className="flex items-center gap-2 text-sm text-zinc-500">
              <Spinner /> Reading INFO…
            </div>
          )
        ) : (
          <div className={cn("flex flex-col gap-4", stale && STALE_DIM)}>
            {data.cluster && (
              <p className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="cluster-scope">
                {data.cluster.node === null
                  ? `Cluster totals: keys summed over ${data.cluster.mastersSummed} masters; memory, ops/s, clients and commands over ${data.cluster.nodesSummed} nodes (replicas included). Persistence and settings are the first master's; pick a node for its own.`
                  : `Node ${data.cluster.node} alone. The charts stay the cluster's totals.`}
                {data.cluster.nodes.some((n) => n.error) &&
                  ` Not answering: ${data.cluster.nodes
                    .filter((n) => n.error)
                    .map((n) => n.addr)
                    .join(", ")}.`}
              </p>
            )}
            <StatTiles data={data} />
            <HistoryCharts conn={conn} maxmemory={data.memory.maxmemoryBytes} />
            <div className="columns-1 gap-4 lg:columns-2 2xl:columns-3 [&>*]:mb-4 [&>*]:break-inside-avoid">
              <MemoryCard data={data} />
              <SettingsCard conn={conn} canWrite={canWrite} node={node} />
              <PersistenceCard conn={conn} canWrite={canWrite} node={node} />
              <KeyspaceCard conn={conn} data={data} canWrite={canWrite} />
              <ServerCard data={data} />
              <ClientsCard data={data} />
            </div>
            <CommandsCard data={data} />
          </div>
        )}
      </div>
    </div>
  );
}
