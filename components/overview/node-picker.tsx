"use client";
import { Select } from "@/components/ui/input";
import type { OverviewCluster } from "@/lib/schemas/cluster";

/**
 * On a cluster: the page's default (`allLabel`: the overview's totals, a tool's first master) or
 * one node, whose figures the page then shows as a standalone server's. A node that did not
 * answer is listed, marked, so it can still be picked.
 */
export function NodePicker({
  nodes,
  allLabel,
  value,
  onChange,
}: {
  nodes: OverviewCluster["nodes"];
  allLabel: string;
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
      <option value="">{allLabel}</option>
      {nodes.map((n) => (
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
