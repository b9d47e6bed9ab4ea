import { connRoute } from "@/lib/api/route";
import { startBgsave } from "@/lib/redis/persistence";

// POST /api/connections/{conn}/persistence/bgsave – start a snapshot; 409 CONFLICT when one is running
export const POST = connRoute({ status: 202 }, async ({ conn }) => startBgsave(conn));
