import { handle } from "@/lib/api/route";
import { values } from "@/lib/endpoints";
import { editValue } from "@/lib/redis/edits";

// POST /api/connections/{conn}/db/{db}/key/edit – one edit of a value; 409 CONFLICT if `expect` no longer holds
export const POST = handle(values.edit, async ({ conn, db, query, body }) => ({
  ok: true,
  result: await editValue(conn, db, query.key, body),
}));
