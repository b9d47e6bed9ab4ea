"use client";
import { NodeSelect } from "@/components/cluster/node-select";
import type { OverviewCluster } from "@/lib/schemas/cluster";

/**
 * On a cluster: "All nodes" (the totals) or one node, whose INFO the overview then shows as a
 * standalone server's. A node that did not answer is listed, marked, so it can still be picked.
 */
export function NodePicker({
  cluster,
  value,
  onChange,
}: {
  cluster: OverviewCluster;
  value: string | null;
  onChange: (node: string | null) => void;
}) {
  const nodes = cluster.nodes.map((n) => ({
    addr: n.addr,
    role: n.role,
    failing: false,
    ...(n.error !== null && { note: "not answering" }),
  }));
  return (
    <NodeSelect
      nodes={nodes}
      none="All nodes (cluster totals)"
      value={value ?? ""}
      onChange={(n) => onChange(n === "" ? null : n)}
      className="w-64 text-xs"
      testId="node-picker"
    />
  );
}

/** A card title that says whose figures these are on a cluster (nothing on one server). */
export function NodeTitle({
  title,
  node,
  picked,
}: {
  title: string;
  node: string | undefined;
  picked: string | null;
}) {
  if (!node) return <>{title}</>;
  return (
    <>
      {title}{" "}
      <span className="font-normal text-zinc-500 dark:text-zinc-400">
        · {node}
        {picked === null && " (first master)"}
      </span>
    </>
  );
}
