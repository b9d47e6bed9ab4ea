import { connRoute } from "@/lib/api/route";
import { startBgrewriteaof } from "@/lib/redis/persistence";

// POST /api/connections/{conn}/persistence/bgrewriteaof – start an AOF rewrite (queued behind a BGSAVE)
export const POST = connRoute({ status: 202 }, async ({ conn }) => startBgrewriteaof(conn));
