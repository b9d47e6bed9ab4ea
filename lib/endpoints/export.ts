import { jobParams, jobStarted } from "@/lib/schemas/bulk";
import { dbParams } from "@/lib/schemas/connections";
import { exportBody } from "@/lib/schemas/transfer";
import { DB, endpoint } from "./define";

// Export of keys (docs/transfer.md): a job that writes the keys a glob matches to a file, and
// the file's download once the job is done. The job's state is GET /api/jobs/{jobId}.

export const start = endpoint({
  method: "POST",
  path: `${DB}/export`,
  summary: "Start an export job of the keys a glob (and type) matches: JSON lines or DUMP CSV",
  params: dbParams,
  body: exportBody,
  response: jobStarted,
  status: 202,
});

export const download = endpoint({
  method: "GET",
  path: "/api/jobs/{jobId}/download",
  summary: "A finished export's file (404 before it is done, or for another kind of job)",
  params: jobParams,
  response: { kind: "bytes", contentType: "application/octet-stream" },
});
