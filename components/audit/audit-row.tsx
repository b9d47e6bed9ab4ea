"use client";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { displayJsonBytes } from "@/lib/bytes";
import { formatCount } from "@/lib/format";
import type { AuditEntryJson } from "@/lib/schemas/audit";

/** "keys.0" → "key", "detail.match" → "match": what a person calls the field that was cut. */
function fieldName(field: string): string {
  if (field.startsWith("keys.")) return "key";
  return field.replace(/^detail\./, "");
}

/** One audit entry as a table row; fields the log cut say so, with their full length. */
export function AuditRow({ entry: e }: { entry: AuditEntryJson }) {
  return (
    <tr className="border-t border-zinc-100 align-top dark:border-zinc-800">
      <td className="px-3 py-1.5 font-mono text-xs whitespace-nowrap">
        {e.time.replace("T", " ").slice(0, 19)}
      </td>
      <td className="px-3 py-1.5 font-mono text-xs">{e.client}</td>
      <td className="px-3 py-1.5 font-mono text-xs">
        {e.conn ? `${e.conn}${e.db !== null ? `/db${e.db}` : ""}` : "—"}
      </td>
      <td className="px-3 py-1.5 font-mono text-xs">{e.action}</td>
      <td className="max-w-md px-3 py-1.5 font-mono text-xs break-all">
        {(e.keys ?? [])
          .map((k, i) => {
            const cut = e.cut?.some((c) => c.field === `keys.${i}`);
            return `${displayJsonBytes(k)}${cut ? "…" : ""}`;
          })
          .join(", ")}
        {e.detail && (
          <span className="text-zinc-500 dark:text-zinc-400"> {JSON.stringify(e.detail)}</span>
        )}
        {e.cut?.map((c) => (
          <Badge key={c.field} tone="amber" className="ml-1 font-sans">
            {fieldName(c.field)} cut · {formatCount(c.length)} long
          </Badge>
        ))}
      </td>
      <td
        className={cn(
          "px-3 py-1.5 font-mono text-xs",
          e.result.status < 400
            ? "text-emerald-700 dark:text-emerald-400"
            : "text-red-700 dark:text-red-400",
        )}
      >
        {e.result.status}
        {e.result.code && ` ${e.result.code}`}
      </td>
    </tr>
  );
}
