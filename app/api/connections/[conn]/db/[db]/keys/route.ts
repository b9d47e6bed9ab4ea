import { buf, dbRoute } from "@/lib/api/route";
import { bytesToJson } from "@/lib/bytes";
import { scanKeys } from "@/lib/redis/scan";
import { keysQuery } from "@/lib/schemas/keys";

// GET /api/connections/{conn}/db/{db}/keys – one bounded SCAN step, with type and TTL unless meta=0
export const GET = dbRoute({ query: keysQuery }, async ({ conn, db, query }) => {
  const page = await scanKeys(conn, db, { ...query, match: query.match && buf(query.match) });
  return {
    cursor: page.cursor,
    keys: page.keys.map((k) =>
      query.meta
        ? { key: bytesToJson(k.key), type: k.type, ttl: k.ttl }
        : { key: bytesToJson(k.key) },
    ),
    dbsize: page.dbsize,
  };
});
