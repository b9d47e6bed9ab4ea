import { handle } from "@/lib/api/route";
import { ops } from "@/lib/endpoints";
import { startBgrewriteaof } from "@/lib/redis/persistence";

// POST /api/connections/{conn}/persistence/bgrewriteaof – start an AOF rewrite (queued behind a BGSAVE)
export const POST = handle(ops.bgrewriteaof, async ({ conn, query }) =>
  startBgrewriteaof(conn, query.node),
);
