import { handle } from "@/lib/api/route";
import { keys } from "@/lib/endpoints";
import { renameKey } from "@/lib/redis/keys";

// POST /api/connections/{conn}/db/{db}/key/rename – rename; 409 when the new name exists unless overwrite
export const POST = handle(keys.rename, async ({ conn, db, query, body }) => {
  await renameKey(conn, db, query.key, body.newKey, body.overwrite);
  return { renamed: true, newKey: body.newKey };
});
