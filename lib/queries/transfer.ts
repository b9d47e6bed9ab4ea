// Queries of export jobs (the key browser's "Export…" dialog).
import { queryOptions } from "@tanstack/react-query";
import { jobQuery } from "./jobs";

/** jobQuery for an export job: undefined until it is known to be one. */
export function exportJobQuery(jobId: string | null) {
  return queryOptions({
    ...jobQuery(jobId),
    select: (job) => (job.kind === "export" ? job : undefined),
  });
}
