import { keysPageJson } from "@/lib/api/keys-page-json";
import { handle } from "@/lib/api/route";
import { keys } from "@/lib/endpoints";
import { createKey } from "@/lib/redis/edits";
import { scanKeys } from "@/lib/redis/scan";

// GET /api/connections/{conn}/db/{db}/keys – one bounded SCAN step, with type and TTL unless meta=0
export const GET = handle(keys.list, async ({ conn, db, query }) =>
  keysPageJson(await scanKeys(conn, db, query)),
);

// POST /api/connections/{conn}/db/{db}/keys – create a key of any type; 409 CONFLICT if it exists
export const POST = handle(keys.create, async ({ conn, db, body }) => {
  await createKey(conn, db, body);
  return { created: true };
});
