import { handle } from "@/lib/api/route";
import { diagnostics } from "@/lib/endpoints";
import { readSlowlog, resetSlowlog } from "@/lib/redis/slowlog";
import { SLOWLOG_DEFAULT_COUNT } from "@/lib/schemas/diagnostics";

// GET /api/connections/{conn}/slowlog – the slowest recent commands, with their exact arguments
export const GET = handle(diagnostics.slowlog, async ({ conn, query }) =>
  readSlowlog(conn, query.count ?? SLOWLOG_DEFAULT_COUNT, query.node),
);

// DELETE /api/connections/{conn}/slowlog – SLOWLOG RESET
export const DELETE = handle(diagnostics.resetSlowlog, async ({ conn, query }) =>
  resetSlowlog(conn, query.node),
);
