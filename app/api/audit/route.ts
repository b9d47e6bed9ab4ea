import { route } from "@/lib/api/route";
import { readAudit } from "@/lib/audit";
import { auditQuery } from "@/lib/schemas/auth";

// GET /api/audit – the audit log, newest first, filtered by text and connection
export const GET = route({ query: auditQuery }, async ({ query }) =>
  readAudit({ limit: query.limit ?? 200, q: query.q, conn: query.conn }),
);
