"use client";
import { Select } from "@/components/ui/input";
import type { PickableNode } from "@/hooks/use-cluster";

/**
 * A tool's node on a cluster: `none` (all masters, route by key…) or one node, master or
 * replica. The empty value stands for `none`.
 */
export function NodeSelect({
  nodes,
  value,
  onChange,
  none,
  disabled,
  className,
  testId,
}: {
  nodes: readonly PickableNode[];
  value: string;
  onChange: (node: string) => void;
  none: string;
  disabled?: boolean;
  className?: string;
  testId?: string;
}) {
  return (
    <Select
      aria-label="Node"
      data-testid={testId}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value)}
      className={className}
    >
      <option value="">{none}</option>
      {nodes.map((n) => (
        <option key={n.addr} value={n.addr}>
          {n.role === "replica" ? "\u00a0\u00a0↳ " : ""}
          {n.addr} · {n.role}
          {n.note ? ` · ${n.note}` : n.failing ? " · failing" : ""}
        </option>
      ))}
      {/* A node picked before the layout changed stays selectable until changed. */}
      {value && !nodes.some((n) => n.addr === value) && <option value={value}>{value}</option>}
    </Select>
  );
}
