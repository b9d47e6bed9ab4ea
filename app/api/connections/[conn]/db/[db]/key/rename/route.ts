import { buf, dbRoute } from "@/lib/api/route";
import { bytesToJson } from "@/lib/bytes";
import { renameKey } from "@/lib/redis/keys";
import { keyQuery, renameBody } from "@/lib/schemas/keys";

// POST /api/connections/{conn}/db/{db}/key/rename – rename; 409 when the new name exists unless overwrite
export const POST = dbRoute(
  { query: keyQuery, body: renameBody },
  async ({ conn, db, query, body }) => {
    const newKey = buf(body.newKey);
    await renameKey(conn, db, buf(query.key), newKey, body.overwrite);
    return { renamed: true, newKey: bytesToJson(newKey) };
  },
);
