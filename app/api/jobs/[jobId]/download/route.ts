import { handle } from "@/lib/api/route";
import { keyExport } from "@/lib/endpoints";
import { exportFile } from "@/lib/redis/export";
import { fileStream } from "@/lib/redis/export-file";

// GET /api/jobs/{jobId}/download – a finished export's file, streamed from the data directory
export const GET = handle(keyExport.download, async ({ jobId }) => {
  const { path, size, filename } = exportFile(jobId);
  return { body: await fileStream(path), length: size, filename };
});
