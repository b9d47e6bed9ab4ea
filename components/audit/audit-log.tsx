"use client";
import { useEffect, useState } from "react";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { useAudit } from "@/hooks/use-audit";
import { displayJsonBytes } from "@/lib/bytes";

/** Every write Keyscope was asked to make, newest first, with a text filter. */
export function AuditLog() {
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const t = setTimeout(() => setQ(text.trim()), 300);
    return () => clearTimeout(t);
  }, [text]);
  const audit = useAudit(q);
  return (
    <div className="flex flex-col gap-3">
      <Input
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="Filter: a key, an action, a client, a status…"
        aria-label="Filter the audit log"
        className="max-w-md"
      />
      {audit.isPending && (
        <div className="flex items-center gap-2 text-sm text-zinc-500">
          <Spinner /> Reading the log…
        </div>
      )}
      {audit.isError && <Notice tone="error">{audit.error.message}</Notice>}
      {audit.data && audit.data.entries.length === 0 && (
        <Notice>No writes recorded{q ? " match this filter" : " yet"}.</Notice>
      )}
      {audit.data && audit.data.entries.length > 0 && (
        <div className="overflow-auto rounded-md border border-zinc-200 dark:border-zinc-800">
          <table className="w-full text-left text-sm" data-testid="audit-table">
            <thead className="bg-zinc-50 text-xs text-zinc-500 dark:bg-zinc-900">
              <tr>
                {["Time", "Client", "Where", "Action", "Keys / details", "Result"].map((h) => (
                  <th key={h} className="px-3 py-2 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {audit.data.entries.map((e, i) => (
                <tr
                  // biome-ignore lint/suspicious/noArrayIndexKey: log lines have no id and never reorder within a fetch
                  key={`${e.time}-${i}`}
                  className="border-t border-zinc-100 align-top dark:border-zinc-800"
                >
                  <td className="px-3 py-1.5 font-mono text-xs whitespace-nowrap">
                    {e.time.replace("T", " ").slice(0, 19)}
                  </td>
                  <td className="px-3 py-1.5 font-mono text-xs">{e.client}</td>
                  <td className="px-3 py-1.5 font-mono text-xs">
                    {e.conn ? `${e.conn}${e.db !== null ? `/db${e.db}` : ""}` : "—"}
                  </td>
                  <td className="px-3 py-1.5 font-mono text-xs">{e.action}</td>
                  <td className="max-w-md px-3 py-1.5 font-mono text-xs break-all">
                    {(e.keys ?? []).map((k) => displayJsonBytes(k)).join(", ")}
                    {e.detail && <span className="text-zinc-500"> {JSON.stringify(e.detail)}</span>}
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
              ))}
            </tbody>
          </table>
        </div>
      )}
      {audit.data?.truncated && (
        <p className="text-xs text-zinc-500">Showing entries from the last 8 MiB of the log.</p>
      )}
    </div>
  );
}
