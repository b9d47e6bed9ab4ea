"use client";
import Link from "next/link";
import type { z } from "zod";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { useAnalysisCompare } from "@/hooks/use-analysis";
import { displayJsonBytes, keyId } from "@/lib/bytes";
import { formatBytes, formatCount } from "@/lib/format";
import type { Comparison, comparison } from "@/lib/schemas/analysis";
import { SortableTable } from "./sortable-table";

type ComparisonJson = z.input<typeof comparison>;
type Summary = Comparison["before"];

function signed(n: number, fmt: (n: number) => string): string {
  return n === 0 ? "0" : `${n > 0 ? "+" : "−"}${fmt(Math.abs(n))}`;
}

function Delta({ before, after, bytes }: { before: number; after: number; bytes?: boolean }) {
  const d = after - before;
  return (
    <span
      className={cn(
        d > 0 && "text-red-700 dark:text-red-400",
        d < 0 && "text-emerald-700 dark:text-emerald-400",
      )}
    >
      {signed(d, bytes ? formatBytes : formatCount)}
    </span>
  );
}

function when(s: Summary): string {
  return `db${s.db} · ${s.mode} · ${new Date(s.createdAt * 1000).toLocaleString()}`;
}

/** Two reports side by side: what grew (red) and what shrank (green), by type and namespace. */
export function CompareView({ conn, id, other }: { conn: string; id: string; other: string }) {
  const cmp = useAnalysisCompare(conn, id, other);
  const base = `/c/${encodeURIComponent(conn)}/analysis`;
  return (
    <div className="min-h-0 flex-1 overflow-y-auto" data-testid="analysis-compare">
      <div className="mx-auto flex max-w-[1600px] flex-col gap-3 p-4">
        <Link
          href={`${base}/${id}`}
          className="text-xs text-indigo-600 hover:underline dark:text-indigo-400"
        >
          ‹ Back to the report
        </Link>
        {cmp.isPending && <Spinner className="size-4" />}
        {cmp.isError && (
          <Notice tone="error" title="These reports could not be compared">
            {cmp.error.message}
          </Notice>
        )}
        {cmp.data && <CompareBody c={cmp.data} base={base} />}
      </div>
    </div>
  );
}

function CompareBody({ c, base }: { c: ComparisonJson; base: string }) {
  return (
    <>
      <h1 className="text-lg font-semibold">What changed</h1>
      <p className="text-sm">
        From{" "}
        <Link
          className="text-indigo-600 hover:underline dark:text-indigo-400"
          href={`${base}/${c.before.id}`}
        >
          {when(c.before)}
        </Link>{" "}
        to{" "}
        <Link
          className="text-indigo-600 hover:underline dark:text-indigo-400"
          href={`${base}/${c.after.id}`}
        >
          {when(c.after)}
        </Link>
        : keys {formatCount(c.before.keys)} → {formatCount(c.after.keys)} (
        <Delta before={c.before.keys} after={c.after.keys} />
        ), memory {formatBytes(c.before.memoryBytes)} → {formatBytes(c.after.memoryBytes)} (
        <Delta before={c.before.memoryBytes} after={c.after.memoryBytes} bytes />
        ).
      </p>
      <Card title="Namespaces that grew or shrank most">
        <SortableTable
          testId="compare-namespaces"
          rows={c.namespaces}
          rowKey={(r) => `${r.depth}:${keyId(r.prefix)}`}
          columns={[
            {
              id: "prefix",
              label: "Prefix",
              cell: (r) => (
                <span className="font-mono break-all">
                  {displayJsonBytes(r.prefix) || "(no namespace)"}
                </span>
              ),
            },
            {
              id: "keysBefore",
              label: "Keys before",
              numeric: true,
              sort: (r) => r.keysBefore,
              cell: (r) => formatCount(r.keysBefore),
            },
            {
              id: "keysAfter",
              label: "Keys after",
              numeric: true,
              sort: (r) => r.keysAfter,
              cell: (r) => formatCount(r.keysAfter),
            },
            {
              id: "memBefore",
              label: "Memory before",
              numeric: true,
              sort: (r) => r.memoryBefore,
              cell: (r) => formatBytes(r.memoryBefore),
            },
            {
              id: "memAfter",
              label: "Memory after",
              numeric: true,
              sort: (r) => r.memoryAfter,
              cell: (r) => formatBytes(r.memoryAfter),
            },
            {
              id: "change",
              label: "Change",
              numeric: true,
              sort: (r) => r.memoryAfter - r.memoryBefore,
              cell: (r) => <Delta before={r.memoryBefore} after={r.memoryAfter} bytes />,
            },
          ]}
        />
      </Card>
      <Card title="By type">
        <SortableTable
          testId="compare-types"
          rows={c.byType}
          rowKey={(r) => r.type}
          columns={[
            { id: "type", label: "Type", cell: (r) => r.type },
            {
              id: "keys",
              label: "Keys",
              numeric: true,
              cell: (r) => (
                <>
                  {formatCount(r.keysBefore)} → {formatCount(r.keysAfter)}
                </>
              ),
            },
            {
              id: "mem",
              label: "Memory",
              numeric: true,
              cell: (r) => (
                <>
                  {formatBytes(r.memoryBefore)} → {formatBytes(r.memoryAfter)}
                </>
              ),
            },
            {
              id: "change",
              label: "Change",
              numeric: true,
              sort: (r) => r.memoryAfter - r.memoryBefore,
              cell: (r) => <Delta before={r.memoryBefore} after={r.memoryAfter} bytes />,
            },
          ]}
        />
      </Card>
    </>
  );
}
