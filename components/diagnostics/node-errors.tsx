"use client";
import { Notice } from "@/components/ui/notice";
import type { NodeStatusJson } from "@/lib/schemas/diagnostics";

/**
 * On a cluster, the nodes that did not answer a per-node read (slowlog, clients): the page still
 * shows the others' rows, and says which node is missing and why.
 */
export function NodeErrors({ nodes }: { nodes?: readonly NodeStatusJson[] }) {
  const failed = (nodes ?? []).filter((n) => n.error !== undefined);
  if (failed.length === 0) return null;
  return (
    <Notice tone="warn" title={`${failed.length} of ${nodes?.length} nodes did not answer`}>
      <ul className="font-mono text-xs" data-testid="node-errors">
        {failed.map((n) => (
          <li key={n.node}>
            {n.node} ({n.role}): {n.error}
          </li>
        ))}
      </ul>
    </Notice>
  );
}
