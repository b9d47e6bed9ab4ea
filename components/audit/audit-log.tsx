"use client";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { useAudit } from "@/hooks/use-audit";
import { formatBytes, formatCount } from "@/lib/format";
import type { AuditListJson } from "@/lib/schemas/audit";
import { AuditRow } from "./audit-row";

const COLUMNS = ["Time", "Client", "Where", "Action", "Keys / details", "Result"];
const entriesText = (n: number) => `${formatCount(n)} ${n === 1 ? "entry" : "entries"}`;

/** Writes refused before login are counted, not listed: how many, and why. */
function Refused({ refused }: { refused: AuditListJson["refused"] }) {
  if (refused.total === 0) return null;
  const { host, unauthenticated, login } = refused.byReason;
  const parts = [
    unauthenticated > 0 && `${formatCount(unauthenticated)} without a login`,
    login > 0 && `${formatCount(login)} failed logins`,
    host > 0 && `${formatCount(host)} for another host name`,
  ].filter(Boolean);
  return (
    <p className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="audit-refused">
      {formatCount(refused.total)} writes refused before login since{" "}
      {refused.since.replace("T", " ").slice(0, 19)} ({parts.join(", ")}): counted, not listed one
      by one (a summary line a minute is in the log).
    </p>
  );
}

/** Every write Keyscope was asked to make, newest first, with a text filter and older pages. */
export function AuditLog() {
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const t = setTimeout(() => setQ(text.trim()), 300);
    return () => clearTimeout(t);
  }, [text]);
  const audit = useAudit(q);
  const pages = audit.data?.pages ?? [];
  const entries = pages.flatMap((p) => p.entries);
  const searched = pages.reduce((n, p) => n + p.searchedBytes, 0);
  const last = pages.at(-1);
  const busy = audit.searching || audit.isFetchingNextPage;
  return (
    <div className="flex flex-col gap-3">
      <Input
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="Filter: a key, an action, a client, a status…"
        aria-label="Filter the audit log"
        className="max-w-md"
      />
      {last && <Refused refused={last.refused} />}
      {audit.isPending && (
        <div className="flex items-center gap-2 text-sm text-zinc-500">
          <Spinner /> Reading the log…
        </div>
      )}
      {audit.isError && <Notice tone="error">{audit.error.message}</Notice>}
      {last && entries.length === 0 && !busy && (
        <Notice>
          {audit.hasNextPage
            ? `No match in the newest ${formatBytes(searched)} of the log.`
            : `No writes recorded${q ? " match this filter" : " yet"}.`}
        </Notice>
      )}
      {entries.length > 0 && (
        <div className="overflow-auto rounded-md border border-zinc-200 dark:border-zinc-800">
          <table className="w-full text-left text-sm" data-testid="audit-table">
            <thead className="bg-zinc-50 text-xs text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
              <tr>
                {COLUMNS.map((h) => (
                  <th key={h} className="px-3 py-2 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {entries.map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: log lines have no id and never reorder within a fetch
                <AuditRow key={`${e.time}-${i}`} entry={e} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {last && (
        <div
          className="flex items-center gap-3 text-xs text-zinc-500 dark:text-zinc-400"
          data-testid="audit-more"
        >
          {busy && <Spinner />}
          <span>
            {busy
              ? `Searching older entries… (${formatBytes(searched)} read)`
              : audit.hasNextPage
                ? `${entriesText(entries.length)} from the newest ${formatBytes(searched)} of the log.`
                : `${entriesText(entries.length)}: that is all the log keeps (${formatBytes(searched)} read).`}
          </span>
          {audit.hasNextPage && !busy && (
            <Button size="sm" onClick={() => void audit.fetchNextPage()}>
              Load older
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
