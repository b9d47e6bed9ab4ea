import { buf, dbRoute } from "@/lib/api/route";
import { setTtl } from "@/lib/redis/ttl";
import { keyQuery, ttlBody } from "@/lib/schemas/keys";

// PUT /api/connections/{conn}/db/{db}/key/ttl – expire in `ttl` seconds, or persist with null
export const PUT = dbRoute(
  { query: keyQuery, body: ttlBody },
  async ({ conn, db, query, body }) => ({
    ttl: await setTtl(conn, db, buf(query.key), body.ttl),
  }),
);
