"use client";
import { Select } from "@/components/ui/input";
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
  return (
    <Select
      aria-label="Node"
      data-testid="node-picker"
      value={value ?? ""}
      onChange={(e) => onChange(e.target.value === "" ? null : e.target.value)}
      className="w-64 text-xs"
    >
      <option value="">All nodes (cluster totals)</option>
      {cluster.nodes.map((n) => (
        <option key={n.id} value={n.addr}>
          {n.role === "replica" ? "\u00a0\u00a0↳ " : ""}
          {n.addr} · {n.role}
          {n.error ? " · not answering" : ""}
        </option>
      ))}
    </Select>
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
