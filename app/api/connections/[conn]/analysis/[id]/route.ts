import { reportCsv } from "@/lib/analysis/csv";
import { deleteReport, readReport } from "@/lib/analysis/store";
import { handle } from "@/lib/api/route";
import { analysis } from "@/lib/endpoints";
import { reportCsvDownload } from "@/lib/endpoints/analysis-download";
import { connectionConfig } from "@/lib/redis/client";

// GET /api/connections/{conn}/analysis/{id} – one report as JSON, or (?format=csv) its namespaces as a CSV file
const asJson = handle(analysis.get, async ({ conn, id }) => {
  connectionConfig(conn);
  return readReport(conn, id);
});
const asCsv = handle(reportCsvDownload, async ({ conn, id }) => {
  connectionConfig(conn);
  const bytes = new TextEncoder().encode(reportCsv(await readReport(conn, id)));
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(bytes);
      c.close();
    },
  });
  return { body, length: bytes.byteLength, filename: `keyscope-analysis-${id}.csv` };
});
export const GET = Object.assign(
  (req: Request, ctx: Parameters<typeof asJson>[1]) =>
    new URL(req.url).searchParams.get("format") === "csv" ? asCsv(req, ctx) : asJson(req, ctx),
  { endpoint: analysis.get },
);

// DELETE /api/connections/{conn}/analysis/{id} – delete a saved report. It removes Keyscope's
// file, not Redis data, but it is a change: refused in read-only mode and audited like any write.
export const DELETE = handle(analysis.remove, async ({ conn, id }) => {
  connectionConfig(conn);
  await deleteReport(conn, id);
  return { deleted: true as const };
});
