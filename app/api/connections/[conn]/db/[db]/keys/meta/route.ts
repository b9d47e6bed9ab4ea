import { buf, dbRoute } from "@/lib/api/route";
import { bytesToJson } from "@/lib/bytes";
import { keysMeta } from "@/lib/redis/keys";
import { keysMetaQuery } from "@/lib/schemas/keys";

// GET /api/connections/{conn}/db/{db}/keys/meta?k=…&k=… – type and TTL of up to 200 keys ("none"/-2 when gone)
export const GET = dbRoute({ query: keysMetaQuery }, async ({ conn, db, query }) => ({
  keys: (await keysMeta(conn, db, query.keys.map(buf))).map((k) => ({
    ...k,
    key: bytesToJson(k.key),
  })),
}));
