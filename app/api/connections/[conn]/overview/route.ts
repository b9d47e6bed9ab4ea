import { handle } from "@/lib/api/route";
import { ops } from "@/lib/endpoints";
import { readOverview } from "@/lib/redis/overview";

// GET /api/connections/{conn}/overview – server, memory, stats, persistence, clients, keyspace (INFO all)
export const GET = handle(ops.overview, async ({ conn, query }) => readOverview(conn, query.node));
