import { buf, dbRoute } from "@/lib/api/route";
import { bytesToJson } from "@/lib/bytes";
import { readString, writeString } from "@/lib/redis/strings";
import { keyQuery, putValueBody, valueQuery } from "@/lib/schemas/keys";

// GET /api/connections/{conn}/db/{db}/key/value – one window of a string value (GETRANGE)
export const GET = dbRoute({ query: valueQuery }, async ({ conn, db, query }) => {
  const page = await readString(conn, db, buf(query.key), query.offset, query.limit);
  return {
    type: "string",
    value: bytesToJson(page.value),
    offset: page.offset,
    length: page.length,
    truncated: page.truncated,
  };
});

// PUT /api/connections/{conn}/db/{db}/key/value – set a string value, keeping its TTL
export const PUT = dbRoute(
  { query: keyQuery, body: putValueBody },
  async ({ conn, db, query, body }) => {
    await writeString(conn, db, buf(query.key), buf(body.value));
    return { ok: true };
  },
);
