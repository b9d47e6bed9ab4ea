import { handle } from "@/lib/api/route";
import { keyExport } from "@/lib/endpoints";
import { startExport } from "@/lib/redis/export";

// POST /api/connections/{conn}/db/{db}/export – start an export job; 202 {jobId}
// An export only reads: allowed in read-only mode, and not audited.
export const POST = handle(
  keyExport.start,
  async ({ conn, db, body }) => ({ jobId: await startExport(conn, db, body) }),
  { writes: () => false },
);
