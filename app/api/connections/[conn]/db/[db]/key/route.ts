import { buf, dbRoute } from "@/lib/api/route";
import { bytesToJson } from "@/lib/bytes";
import { deleteKey, keyInfo } from "@/lib/redis/keys";
import { keyQuery } from "@/lib/schemas/keys";

// GET /api/connections/{conn}/db/{db}/key – type, TTL, encoding, memory and length of one key
export const GET = dbRoute({ query: keyQuery }, async ({ conn, db, query }) => {
  const info = await keyInfo(conn, db, buf(query.key));
  return { ...info, key: bytesToJson(info.key) };
});

// DELETE /api/connections/{conn}/db/{db}/key – delete one key (UNLINK)
export const DELETE = dbRoute({ query: keyQuery }, async ({ conn, db, query }) => ({
  deleted: await deleteKey(conn, db, buf(query.key)),
}));
