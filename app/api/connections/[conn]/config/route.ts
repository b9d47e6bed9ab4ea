import { handle } from "@/lib/api/route";
import { ops } from "@/lib/endpoints";
import { changeSetting, readSettings } from "@/lib/redis/config-settings";

// GET /api/connections/{conn}/config – the editable settings (CONFIG GET) and the config file, if any
export const GET = handle(ops.config, async ({ conn, query }) => readSettings(conn, query.node));

// PUT /api/connections/{conn}/config – CONFIG SET one setting; 409 CONFLICT when `expect` no longer holds
export const PUT = handle(ops.setConfig, async ({ conn, body, query }) =>
  changeSetting(conn, body.name, body.value, body.expect, query.node),
);
