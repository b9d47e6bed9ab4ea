import { handle } from "@/lib/api/route";
import { readAudit, refusalCounts } from "@/lib/audit";
import { audit } from "@/lib/endpoints";

// GET /api/audit – one page of the audit log, newest first, filtered by text and connection;
// `before=<next>` goes on to older entries; `refused` counts the writes refused before login
export const GET = handle(audit.list, async ({ query }) => ({
  ...(await readAudit({
    limit: query.limit ?? 200,
    q: query.q,
    conn: query.conn,
    before: query.before,
  })),
  refused: refusalCounts(),
}));
