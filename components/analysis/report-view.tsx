"use client";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, Facts } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { useAnalysisReport } from "@/hooks/use-analysis";
import { urlOf } from "@/lib/api-client";
import * as analysis from "@/lib/endpoints/analysis";
import { formatBytes, formatCount, formatPercent } from "@/lib/format";
import type { ReportJson } from "@/lib/schemas/analysis";
import { CompareWith } from "./compare-with";
import { NamespaceTreemap } from "./namespace-treemap";
import { Recommendations } from "./recommendations";
import { EncodingsTable, NamespaceTable, TopKeysTable, TypesTable } from "./report-tables";
import { TtlBars } from "./ttl-bars";

/** One saved report: totals, the treemap, the tables, the recommendations, the exports. */
export function ReportView({ conn, id }: { conn: string; id: string }) {
  const report = useAnalysisReport(conn, id);
  const back = `/c/${encodeURIComponent(conn)}/analysis`;
  if (report.isPending)
    return (
      <Page back={back}>
        <Spinner className="size-4" />
      </Page>
    );
  if (report.isError)
    return (
      <Page back={back}>
        <Notice tone="error" title="This report could not be read">
          {report.error.message}
        </Notice>
      </Page>
    );
  return (
    <Page back={back}>
      <ReportBody conn={conn} r={report.data} />
    </Page>
  );
}

function Page({ back, children }: { back: string; children: React.ReactNode }) {
  return (
    <div className="min-h-0 flex-1 overflow-y-auto" data-testid="analysis-report">
      <div className="mx-auto flex max-w-[1600px] flex-col gap-3 p-4">
        <Link href={back} className="text-xs text-indigo-600 hover:underline dark:text-indigo-400">
          ‹ All reports
        </Link>
        {children}
      </div>
    </div>
  );
}

function ReportBody({ conn, r }: { conn: string; r: ReportJson }) {
  const jsonUrl = urlOf(analysis.get, { params: { conn, id: r.id }, query: { format: "json" } });
  const csvUrl = urlOf(analysis.get, { params: { conn, id: r.id }, query: { format: "csv" } });
  const plusMinus = r.uncertainty !== undefined ? ` ± ${formatPercent(r.uncertainty)}` : "";
  return (
    <>
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="mr-2 text-lg font-semibold">
          Memory of db{r.db} · {new Date(r.createdAt * 1000).toLocaleString()}
        </h1>
        <Badge tone={r.mode === "full" ? "green" : "violet"}>{r.mode}</Badge>
        {r.estimated && <Badge tone="amber">estimated</Badge>}
        <div className="ml-auto flex flex-wrap items-center gap-2 text-xs">
          <CompareWith conn={conn} id={r.id} />
          <a
            href={jsonUrl}
            download={`keyscope-analysis-${r.id}.json`}
            className="rounded-md border border-zinc-300 px-2 py-1 hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            Export JSON
          </a>
          <a
            href={csvUrl}
            data-testid="export-csv"
            className="rounded-md border border-zinc-300 px-2 py-1 hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            Export CSV
          </a>
        </div>
      </div>
      <div className="grid gap-3 lg:grid-cols-[minmax(18rem,1fr)_3fr]">
        <Card title="Totals" testId="analysis-totals">
          <Facts
            rows={[
              ["Keys", `${formatCount(r.keys)}${r.estimated ? plusMinus : ""}`],
              ["Memory", `${formatBytes(r.memoryBytes)}${r.estimated ? plusMinus : ""}`],
              [
                "Mode",
                r.mode === "full"
                  ? "full: every key read"
                  : `sample: ${formatCount(r.keysRead)} of ${formatCount(r.dbsize)} keys, extrapolated`,
              ],
              ["Keys read", formatCount(r.keysRead)],
              ["DBSIZE at start", formatCount(r.dbsize)],
              ["Duration", `${(r.durationMs / 1000).toFixed(1)} s`],
              [
                "MEMORY USAGE",
                r.memorySamples === 0 ? "SAMPLES 0 (exact)" : `SAMPLES ${r.memorySamples}`,
              ],
              ["Delimiters", <code key="d">{r.delimiter}</code>],
              ...(r.unsized > 0
                ? [["Not sized", `${formatCount(r.unsized)} keys`] as [string, string]]
                : []),
            ]}
          />
        </Card>
        <Card title="Namespaces by memory">
          <NamespaceTreemap
            namespaces={r.namespaces}
            delimiter={r.delimiter}
            totalMemory={r.memoryBytes}
          />
        </Card>
      </div>
      <Card title="Recommendations">
        <Recommendations conn={conn} db={r.db} items={r.recommendations} />
      </Card>
      <div className="grid gap-3 lg:grid-cols-2">
        <Card title="TTLs">
          <TtlBars buckets={r.ttlBuckets} />
        </Card>
        <Card title="Types">
          <TypesTable rows={r.byType} total={r.memoryBytes} />
          <h3 className="text-xs font-semibold text-zinc-500 dark:text-zinc-400">Encodings</h3>
          <EncodingsTable rows={r.encodings} />
        </Card>
      </div>
      <Card title="Namespaces">
        <NamespaceTable rows={r.namespaces} />
      </Card>
      <div className="grid gap-3 xl:grid-cols-2">
        <Card title="Top keys by memory">
          <TopKeysTable conn={conn} db={r.db} rows={r.topKeys} testId="top-memory" by="memory" />
        </Card>
        <Card title="Top keys by length">
          <TopKeysTable
            conn={conn}
            db={r.db}
            rows={r.topKeysByLength}
            testId="top-length"
            by="length"
          />
        </Card>
      </div>
    </>
  );
}
