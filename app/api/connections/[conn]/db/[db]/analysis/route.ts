import { handle } from "@/lib/api/route";
import { analysis } from "@/lib/endpoints";
import { startAnalysis } from "@/lib/redis/analysis";

// POST /api/connections/{conn}/db/{db}/analysis – start a memory analysis job; 202 {jobId}
// An analysis only reads: allowed in read-only mode, and not audited.
export const POST = handle(
  analysis.start,
  async ({ conn, db, body }) => ({ jobId: await startAnalysis(conn, db, body) }),
  { writes: () => false },
);
