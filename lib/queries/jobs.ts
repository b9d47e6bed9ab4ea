// Queries of background jobs (bulk delete/expire/persist).
import { queryOptions } from "@tanstack/react-query";
import { request } from "@/lib/api-client";
import { jobs } from "@/lib/endpoints";
import { qk } from "@/lib/query-keys";

/**
 * A job's progress, polled every 500 ms while it runs, and every second while it settles (it
 * ended but still waits for a timed-out batch's answer, which can make its counts exact).
 */
export function jobQuery(jobId: string | null) {
  return queryOptions({
    queryKey: qk.job(jobId ?? ""),
    queryFn: ({ signal }) => request(jobs.get, { params: { jobId: jobId as string }, signal }),
    enabled: jobId !== null,
    refetchInterval: (q) => {
      const job = q.state.data;
      return job?.state === "running" ? 500 : job?.settling ? 1000 : false;
    },
    staleTime: 0,
  });
}
