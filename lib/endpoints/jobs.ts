import { bulkBody, jobParams, jobStarted } from "@/lib/schemas/bulk";
import { dbParams } from "@/lib/schemas/connections";
import { anyJobView } from "@/lib/schemas/jobs";
import { DB, endpoint } from "./define";

// Bulk actions over a glob, run as background jobs; the jobs endpoints serve every kind of job
// (bulk, analysis: lib/schemas/jobs.ts).

export const startBulk = endpoint({
  method: "POST",
  path: `${DB}/bulk`,
  summary: "Start a bulk delete/expire/persist job over a glob (SCAN); dryRun only counts",
  params: dbParams,
  body: bulkBody,
  response: jobStarted,
  status: 202,
});

export const get = endpoint({
  method: "GET",
  path: "/api/jobs/{jobId}",
  summary: "A job's state, counters, keys/s and ETA",
  params: jobParams,
  response: anyJobView,
});

export const cancel = endpoint({
  method: "DELETE",
  path: "/api/jobs/{jobId}",
  summary: "Cancel a running job after its current batch",
  params: jobParams,
  response: anyJobView,
});
