import { buf, dbRoute } from "@/lib/api/route";
import { writeString } from "@/lib/redis/strings";
import { readValue } from "@/lib/redis/values";
import { keyQuery, putValueBody } from "@/lib/schemas/keys";
import { valueQuery } from "@/lib/schemas/values";

// GET /api/connections/{conn}/db/{db}/key/value – one page of a value, shaped by its type
export const GET = dbRoute({ query: valueQuery }, async ({ conn, db, query }) =>
  readValue(conn, db, buf(query.key), query),
);

// PUT /api/connections/{conn}/db/{db}/key/value – set a string value, keeping its TTL
export const PUT = dbRoute(
  { query: keyQuery, body: putValueBody },
  async ({ conn, db, query, body }) => {
    await writeString(conn, db, buf(query.key), buf(body.value));
    return { ok: true };
  },
);
