"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { z } from "zod";
import { request } from "@/lib/api-client";
import { jobs } from "@/lib/endpoints";
import * as analysis from "@/lib/endpoints/analysis";
import {
  analysisCompareQuery,
  analysisJobQuery,
  analysisListQuery,
  analysisReportQuery,
} from "@/lib/queries";
import { qk } from "@/lib/query-keys";
import type { analysisBody } from "@/lib/schemas/analysis";

export function useAnalysisList(conn: string) {
  return useQuery(analysisListQuery(conn));
}

export function useAnalysisReport(conn: string, id: string) {
  return useQuery(analysisReportQuery(conn, id));
}

export function useAnalysisCompare(conn: string, id: string, other: string | null) {
  return useQuery(analysisCompareQuery(conn, id, other));
}

export function useStartAnalysis(conn: string) {
  return useMutation({
    mutationFn: ({ db, body }: { db: number; body: z.input<typeof analysisBody> }) =>
      request(analysis.start, { params: { conn, db }, body }),
  });
}

/** A running analysis's progress; when it ends, the list of reports is read again. */
export function useAnalysisJob(conn: string, jobId: string | null) {
  const client = useQueryClient();
  const query = useQuery(analysisJobQuery(jobId));
  const job = query.data;
  const settled = useRef<string | null>(null);
  useEffect(() => {
    if (!job || job.state === "running" || settled.current === job.jobId) return;
    settled.current = job.jobId;
    void client.invalidateQueries({ queryKey: qk.analyses(conn) });
  }, [job, client, conn]);
  return query;
}

export function useCancelAnalysis() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (jobId: string) => request(jobs.cancel, { params: { jobId } }),
    onSuccess: (_view, jobId) => client.invalidateQueries({ queryKey: qk.job(jobId) }),
  });
}

export function useDeleteReport(conn: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => request(analysis.remove, { params: { conn, id } }),
    onSuccess: (_r, id) => {
      client.removeQueries({ queryKey: qk.analysis(conn, id) });
      return client.invalidateQueries({ queryKey: qk.analyses(conn) });
    },
  });
}
