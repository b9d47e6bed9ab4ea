import { compareReports } from "@/lib/analysis/compare";
import { readReport } from "@/lib/analysis/store";
import { handle } from "@/lib/api/route";
import { analysis } from "@/lib/endpoints";
import { connectionConfig } from "@/lib/redis/client";

// GET /api/connections/{conn}/analysis/{id}/compare?with=<id> – what changed between two reports;
// the older of the two is "before", whichever order they are named in.
export const GET = handle(analysis.compare, async ({ conn, id, query }) => {
  connectionConfig(conn);
  const [a, b] = await Promise.all([readReport(conn, id), readReport(conn, query.with)]);
  // Ids begin with their start time in ms (lib/analysis/store.ts), finer than createdAt's seconds.
  const [before, after] = a.id <= b.id ? [a, b] : [b, a];
  return compareReports(before, after);
});
