import { handle } from "@/lib/api/route";
import { diagnostics } from "@/lib/endpoints";
import { readLatencyHistory } from "@/lib/redis/latency";

// GET /api/connections/{conn}/latency/history?event= – LATENCY HISTORY of one event
export const GET = handle(diagnostics.latencyHistory, async ({ conn, query }) =>
  readLatencyHistory(conn, query.event, query.node),
);
