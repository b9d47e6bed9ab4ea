import { buf, dbRoute } from "@/lib/api/route";
import { bytesToJson } from "@/lib/bytes";
import { createKey } from "@/lib/redis/edits";
import { scanKeys } from "@/lib/redis/scan";
import { createBody } from "@/lib/schemas/edits";
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

// POST /api/connections/{conn}/db/{db}/keys – create a key of any type; 409 CONFLICT if it exists
export const POST = dbRoute({ body: createBody, status: 201 }, async ({ conn, db, body }) => {
  await createKey(conn, db, body);
  return { created: true };
});
