import { handle } from "@/lib/api/route";
import { keys } from "@/lib/endpoints";
import { setTtl } from "@/lib/redis/ttl";

// PUT /api/connections/{conn}/db/{db}/key/ttl – expire in `ttl` seconds, or persist with null
export const PUT = handle(keys.ttl, async ({ conn, db, query, body }) => ({
  ttl: await setTtl(conn, db, query.key, body.ttl),
}));
