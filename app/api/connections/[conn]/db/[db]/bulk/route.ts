import { clientOf } from "@/lib/api/guard";
import { handle } from "@/lib/api/route";
import { jobs } from "@/lib/endpoints";
import { startBulk } from "@/lib/redis/bulk";

// POST /api/connections/{conn}/db/{db}/bulk – start a delete/expire/persist job over a glob; 202 {jobId}
// A dry run only counts: it is a read, allowed in read-only mode and not audited.
export const POST = handle(
  jobs.startBulk,
  async ({ req, conn, db, body }) => ({ jobId: await startBulk(conn, db, body, clientOf(req)) }),
  { writes: ({ body }) => !body.dryRun },
);
