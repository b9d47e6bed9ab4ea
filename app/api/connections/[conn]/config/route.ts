import { connRoute } from "@/lib/api/route";
import { changeSetting, readSettings } from "@/lib/redis/config-settings";
import { setConfigBody } from "@/lib/schemas/config-settings";

// GET /api/connections/{conn}/config – the editable settings (CONFIG GET) and the config file, if any
export const GET = connRoute({}, async ({ conn }) => readSettings(conn));

// PUT /api/connections/{conn}/config – CONFIG SET one setting; 409 CONFLICT when `expect` no longer holds
export const PUT = connRoute({ body: setConfigBody }, async ({ conn, body }) =>
  changeSetting(conn, body.name, body.value, body.expect),
);
