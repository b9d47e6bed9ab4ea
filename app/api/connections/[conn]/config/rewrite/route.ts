import { connRoute } from "@/lib/api/route";
import { rewriteConfig } from "@/lib/redis/config-settings";

// POST /api/connections/{conn}/config/rewrite – CONFIG REWRITE; 409 CONFLICT without a config file
export const POST = connRoute({}, async ({ conn }) => rewriteConfig(conn));
