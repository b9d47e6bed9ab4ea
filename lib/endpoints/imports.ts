import { jobStarted } from "@/lib/schemas/bulk";
import { dbParams } from "@/lib/schemas/connections";
import { importQuery } from "@/lib/schemas/import";
import { DB, endpoint } from "./define";

// Import of keys from a file (docs/transfer.md): the body is the file itself, streamed to the
// data directory and checked whole before a job writes anything. Its job is read and cancelled
// through the jobs endpoints (GET/DELETE /api/jobs/{jobId}, kind "import").

export const start = endpoint({
  method: "POST",
  path: `${DB}/import`,
  summary:
    "Import keys from an export file (JSON lines or DUMP CSV) as a job; a bad file is 400 and writes nothing",
  params: dbParams,
  query: importQuery,
  body: { kind: "bytes", contentType: "application/octet-stream" },
  response: jobStarted,
  status: 202,
});
