import { handle } from "@/lib/api/route";
import { values } from "@/lib/endpoints";
import { writeString } from "@/lib/redis/types/string";
import { readValue } from "@/lib/redis/values";

// GET /api/connections/{conn}/db/{db}/key/value – one page of a value, shaped by its type
export const GET = handle(values.read, async ({ conn, db, query }) =>
  readValue(conn, db, query.key, query),
);

// PUT /api/connections/{conn}/db/{db}/key/value – set a string value, keeping its TTL
export const PUT = handle(values.write, async ({ conn, db, query, body }) => {
  await writeString(conn, db, query.key, body.value);
  return { ok: true };
});
