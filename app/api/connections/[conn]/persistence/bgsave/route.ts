import { handle } from "@/lib/api/route";
import { ops } from "@/lib/endpoints";
import { startBgsave } from "@/lib/redis/persistence";

// POST /api/connections/{conn}/persistence/bgsave – start a snapshot; 409 CONFLICT when one is running
export const POST = handle(ops.bgsave, async ({ conn, query }) => startBgsave(conn, query.node));
