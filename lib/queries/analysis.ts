// Queries of the memory analysis pages: the saved reports, one report, a comparison, and the
// running job's progress. Reports never change once written, so they stay fresh forever.
import { queryOptions } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import * as analysis from "@/lib/endpoints/analysis";
import { qk } from "@/lib/query-keys";

/** How often a running analysis's progress is read. */
export const ANALYSIS_POLL_MS = 500;

export function analysisListQuery(conn: string) {
  return queryOptions({
    queryKey: qk.analyses(conn),
    queryFn: ({ signal }) => request(analysis.list, { params: { conn }, signal }),
  });
}

export function analysisReportQuery(conn: string, id: string) {
  return queryOptions({
    queryKey: qk.analysis(conn, id),
    queryFn: ({ signal }) =>
      request(analysis.get, { params: { conn, id }, query: { format: "json" }, signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function analysisCompareQuery(conn: string, id: string, other: string | null) {
  return queryOptions({
    queryKey: qk.analysisCompare(conn, id, other ?? ""),
    queryFn: ({ signal }) =>
      request(analysis.compare, {
        params: { conn, id },
        query: { with: other ?? "" },
        signal,
      }),
    enabled: other !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function analysisJobQuery(jobId: string | null) {
  return queryOptions({
    queryKey: qk.job(jobId ?? ""),
    queryFn: ({ signal }) => request(analysis.job, { params: { jobId: jobId as string }, signal }),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data?.state === "running" ? ANALYSIS_POLL_MS : false),
    staleTime: 0,
  });
}
