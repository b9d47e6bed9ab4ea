import { bulkBody, jobParams, jobStarted, jobView } from "@/lib/schemas/bulk";
import { dbParams } from "@/lib/schemas/connections";
import { DB, endpoint } from "./define";

// Bulk actions over a glob, run as background jobs.

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
  response: jobView,
});

export const cancel = endpoint({
  method: "DELETE",
  path: "/api/jobs/{jobId}",
  summary: "Cancel a running job after its current batch",
  params: jobParams,
  response: jobView,
});
