import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { handle } from "@/lib/api/route";
import { keyExport } from "@/lib/endpoints";
import { exportFile } from "@/lib/redis/export";

// GET /api/jobs/{jobId}/download – a finished export's file, streamed from the data directory
export const GET = handle(keyExport.download, async ({ jobId }) => {
  const { path, size, filename } = exportFile(jobId);
  const body = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
  return { body, length: size, filename };
});
