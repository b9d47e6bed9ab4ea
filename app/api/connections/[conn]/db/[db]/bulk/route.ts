import { dbRoute } from "@/lib/api/route";
import { startBulk } from "@/lib/redis/bulk";
import { bulkBody } from "@/lib/schemas/bulk";

// POST /api/connections/{conn}/db/{db}/bulk – start a delete/expire/persist job over a glob; 202 {jobId}
export const POST = dbRoute({ body: bulkBody, status: 202 }, async ({ conn, db, body }) => ({
  jobId: await startBulk(conn, db, body),
}));
