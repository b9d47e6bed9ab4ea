"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { request } from "@/lib/api-client";
import type { JsonBytes } from "@/lib/bytes";
import { jobs } from "@/lib/endpoints";
import { bulkJobQuery } from "@/lib/queries";
import { qk } from "@/lib/query-keys";
import type { BulkAction } from "@/lib/schemas/bulk";

export type BulkRequest = {
  action: BulkAction;
  match: JsonBytes;
  type?: string;
  ttl?: number;
  dryRun: boolean;
};

export function useStartBulk(conn: string, db: number) {
  return useMutation({
    mutationFn: (req: BulkRequest) => request(jobs.startBulk, { params: { conn, db }, body: req }),
  });
}

/**
 * A job's progress, polled every 500 ms while it runs. When a job that changed keys ends, every
 * cached key list and count of its database is refetched.
 */
export function useJob(jobId: string | null) {
  const client = useQueryClient();
  const query = useQuery(bulkJobQuery(jobId));
  const job = query.data;
  const settled = useRef<string | null>(null);
  useEffect(() => {
    if (!job || job.state === "running" || job.dryRun || settled.current === job.jobId) return;
    settled.current = job.jobId;
    void client.invalidateQueries({ queryKey: qk.db(job.conn, job.db) });
    void client.invalidateQueries({ queryKey: qk.databases(job.conn) });
    void client.invalidateQueries({ queryKey: qk.overview(job.conn) });
  }, [job, client]);
  return query;
}

export function useCancelJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (jobId: string) => request(jobs.cancel, { params: { jobId } }),
    onSuccess: (job) => client.setQueryData(qk.job(job.jobId), job),
  });
}
