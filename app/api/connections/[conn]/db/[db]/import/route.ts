import { clientOf } from "@/lib/api/guard";
import { handle } from "@/lib/api/route";
import { receiveUpload } from "@/lib/api/upload";
import { config } from "@/lib/config";
import { imports } from "@/lib/endpoints";
import { startImport } from "@/lib/redis/import";
import { checkFile, detectFormat } from "@/lib/redis/import-check";

// What the audit line says of an import: its options and the file's size and key count, never
// a key or a value (the job's own entry, when it ends, adds what it did).
const described = new WeakMap<Request, Record<string, unknown>>();

// POST /api/connections/{conn}/db/{db}/import – the file as the body (application/octet-stream),
// streamed to the data directory and checked whole (400 naming the line: nothing written), then
// a job writes it; 202 {jobId}
export const POST = handle(
  imports.start,
  async ({ req, conn, db, query }) => {
    const upload = await receiveUpload(req, {
      max: config().maxImportBytes,
      contentType: "application/octet-stream",
      prefix: "import",
    });
    try {
      const format = query.format ?? detectFormat(upload.firstByte);
      const checked = await checkFile(upload.path, format);
      described.set(req, {
        format,
        onConflict: query.onConflict,
        keys: checked.keys,
        bytes: upload.bytes,
      });
      const jobId = await startImport({
        conn,
        db,
        format,
        onConflict: query.onConflict,
        path: upload.path,
        keys: checked.keys,
        bytes: upload.bytes,
        client: clientOf(req),
        remove: upload.remove,
      });
      return { jobId };
    } catch (e) {
      await upload.remove();
      throw e;
    }
  },
  {
    describe: ({ req, query }) => ({
      detail: described.get(req) ?? { onConflict: query?.onConflict },
    }),
  },
);
