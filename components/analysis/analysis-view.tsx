"use client";
import { useState } from "react";
import { ToolHeader } from "@/components/diagnostics/setting-chip";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import {
  useAnalysisJob,
  useAnalysisList,
  useCancelAnalysis,
  useStartAnalysis,
} from "@/hooks/use-analysis";
import { useConnection } from "@/hooks/use-connections";
import { AnalyseForm } from "./analyse-form";
import { AnalysisProgress } from "./analysis-progress";
import { ReportList } from "./report-list";

/** The memory analysis page: start one, watch it run, the saved reports. */
export function AnalysisView({ conn }: { conn: string }) {
  const [jobId, setJobId] = useState<string | null>(null);
  const list = useAnalysisList(conn);
  const start = useStartAnalysis(conn);
  const job = useAnalysisJob(conn, jobId);
  const cancel = useCancelAnalysis();
  const { connection } = useConnection(conn);
  const readOnly = connection?.readOnly ?? false;
  const running = job.data?.state === "running";
  return (
    <div className="min-h-0 flex-1 overflow-y-auto" data-testid="analysis">
      <div className="mx-auto flex max-w-[1600px] flex-col gap-3 p-4">
        <ToolHeader title="Memory">
          <span className="text-xs text-zinc-500 dark:text-zinc-400">
            Which namespaces, keys and TTLs hold the memory. An analysis only reads.
          </span>
        </ToolHeader>
        <AnalyseForm
          conn={conn}
          busy={start.isPending || running}
          onStart={(req) => start.mutate(req, { onSuccess: (r) => setJobId(r.jobId) })}
        />
        {start.isError && (
          <Notice tone="error" title="The analysis could not start">
            {start.error.message}
          </Notice>
        )}
        {job.data && (
          <AnalysisProgress
            conn={conn}
            job={job.data}
            cancelling={cancel.isPending}
            onCancel={() => jobId && cancel.mutate(jobId)}
          />
        )}
        {job.isError && (
          <Notice tone="error" title="The analysis's progress could not be read">
            {job.error.message}
          </Notice>
        )}
        {list.isPending && <Spinner className="size-4" />}
        {list.isError && (
          <Notice tone="error" title="Could not read the saved reports">
            {list.error.message}
          </Notice>
        )}
        {list.data &&
          (list.data.reports.length === 0 ? (
            <Notice title="No reports yet">
              Analyse a database above: a full analysis reads every key (SCAN, then TYPE, PTTL and
              MEMORY USAGE in batches, throttled to keep Redis responsive); a sample reads a random
              subset and extrapolates, with its uncertainty. Reports are kept in Keyscope's data
              directory.
            </Notice>
          ) : (
            <ReportList conn={conn} reports={list.data.reports} readOnly={readOnly} />
          ))}
      </div>
    </div>
  );
}
