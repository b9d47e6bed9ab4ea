import { connRoute } from "@/lib/api/route";
import { readOverview } from "@/lib/redis/overview";

// GET /api/connections/{conn}/overview – server, memory, stats, persistence, clients, keyspace (INFO all)
export const GET = connRoute({}, async ({ conn }) => readOverview(conn));
