import { listReports } from "@/lib/analysis/store";
import { handle } from "@/lib/api/route";
import { analysis } from "@/lib/endpoints";
import { connectionConfig } from "@/lib/redis/client";

// GET /api/connections/{conn}/analysis – the connection's saved reports, newest first
export const GET = handle(analysis.list, async ({ conn }) => {
  connectionConfig(conn); // 404 for a connection that does not exist
  return { reports: await listReports(conn) };
});
