import { handle } from "@/lib/api/route";
import { keys } from "@/lib/endpoints";
import { keysMeta } from "@/lib/redis/keys";

// GET /api/connections/{conn}/db/{db}/keys/meta?k=…&k=… – type and TTL of up to 200 keys ("none"/-2 when gone)
export const GET = handle(keys.meta, async ({ conn, db, query }) => ({
  keys: await keysMeta(conn, db, query.keys),
}));
