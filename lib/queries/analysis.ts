// Queries of the memory analysis pages: the saved reports, one report, a comparison, and the
// running job's progress. Reports never change once written, so they stay fresh forever.
import { queryOptions } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import * as analysis from "@/lib/endpoints/analysis";
import { qk } from "@/lib/query-keys";
import { jobQuery } from "./jobs";

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

/** jobQuery (polled while it runs) for an analysis job: undefined until it is known to be one. */
export function analysisJobQuery(jobId: string | null) {
  return queryOptions({
    ...jobQuery(jobId),
    select: (job) => (job.kind === "analysis" ? job : undefined),
  });
}
