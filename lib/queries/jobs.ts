// Queries of background jobs (bulk delete/expire/persist, memory analyses).
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
      if (job?.state === "running") return 500;
      return job?.kind === "bulk" && job.settling ? 1000 : false;
    },
    staleTime: 0,
  });
}

/** jobQuery for a bulk job (the bulk dialog's): undefined until it is known to be one. */
export function bulkJobQuery(jobId: string | null) {
  return queryOptions({
    ...jobQuery(jobId),
    select: (job) => (job.kind === "bulk" ? job : undefined),
  });
}

/** jobQuery for an import job (the import dialog's): undefined until it is known to be one. */
export function importJobQuery(jobId: string | null) {
  return queryOptions({
    ...jobQuery(jobId),
    select: (job) => (job.kind === "import" ? job : undefined),
  });
}
