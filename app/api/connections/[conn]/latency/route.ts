import { handle } from "@/lib/api/route";
import { diagnostics } from "@/lib/endpoints";
import { readLatency } from "@/lib/redis/latency";

// GET /api/connections/{conn}/latency – LATENCY LATEST and DOCTOR, and the monitor's threshold
export const GET = handle(diagnostics.latency, async ({ conn, query }) =>
  readLatency(conn, query.node),
);
