import { buf, dbRoute } from "@/lib/api/route";
import { editValue } from "@/lib/redis/edits";
import { editBody } from "@/lib/schemas/edits";
import { keyQuery } from "@/lib/schemas/keys";

// POST /api/connections/{conn}/db/{db}/key/edit – one edit of a value; 409 CONFLICT if `expect` no longer holds
export const POST = dbRoute(
  { query: keyQuery, body: editBody },
  async ({ conn, db, query, body }) => ({
    ok: true,
    result: await editValue(conn, db, buf(query.key), body),
  }),
);
