import { handle } from "@/lib/api/route";
import { keys } from "@/lib/endpoints";
import { deleteKey, keyInfo } from "@/lib/redis/keys";

// GET /api/connections/{conn}/db/{db}/key – type, TTL, encoding, memory and length of one key
export const GET = handle(keys.info, async ({ conn, db, query }) => keyInfo(conn, db, query.key));

// DELETE /api/connections/{conn}/db/{db}/key – delete one key (UNLINK)
export const DELETE = handle(keys.remove, async ({ conn, db, query }) => ({
  deleted: await deleteKey(conn, db, query.key),
}));
