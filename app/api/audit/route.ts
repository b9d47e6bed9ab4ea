import { handle } from "@/lib/api/route";
import { readAudit } from "@/lib/audit";
import { auth } from "@/lib/endpoints";

// GET /api/audit – the audit log, newest first, filtered by text and connection
export const GET = handle(auth.audit, async ({ query }) =>
  readAudit({ limit: query.limit ?? 200, q: query.q, conn: query.conn }),
);
