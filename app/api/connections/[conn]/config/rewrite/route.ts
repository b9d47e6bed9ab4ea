import { handle } from "@/lib/api/route";
import { ops } from "@/lib/endpoints";
import { rewriteConfig } from "@/lib/redis/config-settings";

// POST /api/connections/{conn}/config/rewrite – CONFIG REWRITE; 409 CONFLICT without a config file
export const POST = handle(ops.rewriteConfig, async ({ conn, query }) =>
  rewriteConfig(conn, query.node),
);
