"use client";
import { RedisStaleBadge } from "@/components/app/redis-stale";
import { Badge } from "@/components/ui/badge";
import { Card, Facts } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { useCluster } from "@/hooks/use-cluster";
import { formatCount } from "@/lib/format";
import type { ClusterView as View } from "@/lib/schemas/cluster";
import { NodesTable } from "./nodes-table";
import { SlotMap } from "./slot-map";

function InfoFacts({ data }: { data: View }) {
  const bad = (n: number) =>
    n > 0 ? <span className="text-red-600 dark:text-red-400">{n}</span> : n;
  return (
    <Facts
      rows={[
        [
          "State",
          <Badge key="s" tone={data.state === "ok" ? "green" : "red"}>
            {data.state}
          </Badge>,
        ],
        ["Slots assigned", `${formatCount(data.slotsAssigned)} of 16,384`],
        ["Slots ok", formatCount(data.slotsOk)],
        ["Slots pfail", bad(data.slotsPfail)],
        ["Slots fail", bad(data.slotsFail)],
        ["Known nodes", data.knownNodes],
        ["Size (masters with slots)", data.size],
        ["Current epoch", data.currentEpoch],
        ["Read from", data.from],
      ]}
    />
  );
}

/** A Redis Cluster: its nodes with their figures, the slot map and CLUSTER INFO, polled. */
export function ClusterView({ conn }: { conn: string }) {
  const cluster = useCluster(conn);
  const data = cluster.data;
  const masters = data?.nodes.filter((n) => n.role === "master" && n.slots.length > 0) ?? [];
  const silent = data?.nodes.filter((n) => n.error) ?? [];
  return (
    <div className="min-h-0 flex-1 overflow-y-auto" data-testid="cluster-page">
      <div className="mx-auto flex max-w-[1600px] flex-col gap-4 p-4">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-lg font-semibold">Cluster</h1>
          {data && (
            <>
              <Badge tone={data.state === "ok" ? "green" : "red"}>state {data.state}</Badge>
              <span className="text-xs text-zinc-500 dark:text-zinc-400">
                {masters.length} masters · {data.nodes.length - masters.length} other nodes ·{" "}
                {formatCount(masters.reduce((s, m) => s + (m.keys ?? 0), 0))} keys
              </span>
            </>
          )}
          {cluster.isFetching && <Spinner className="size-3 text-zinc-400" />}
          <RedisStaleBadge conn={conn} />
        </div>
        {cluster.isError && (
          <Notice tone="error" title="Could not read the cluster">
            {cluster.error.message}
          </Notice>
        )}
        {silent.length > 0 && (
          <Notice tone="warn" title={`${silent.length} node(s) not answering`}>
            {silent.map((n) => n.addr).join(", ")}: their figures are missing until they answer.
          </Notice>
        )}
        {!data ? (
          !cluster.isError && (
            <div className="flex items-center gap-2 text-sm text-zinc-500">
              <Spinner /> Reading CLUSTER NODES and INFO…
            </div>
          )
        ) : (
          <>
            <Card title="Slot map" testId="slot-map-card">
              <SlotMap masters={masters} />
            </Card>
            <NodesTable nodes={data.nodes} />
            <Card title="CLUSTER INFO" testId="cluster-info" className="max-w-xl">
              <InfoFacts data={data} />
            </Card>
          </>
        )}
      </div>
    </div>
  );
}
