import { buf, dbRoute } from "@/lib/api/route";
import { downloadString } from "@/lib/redis/strings";
import { keyQuery } from "@/lib/schemas/keys";

// GET /api/connections/{conn}/db/{db}/key/download – the whole string value as a file, streamed in 1 MiB chunks
export const GET = dbRoute({ query: keyQuery }, async ({ conn, db, query }) => {
  const key = buf(query.key);
  const { length, stream } = await downloadString(conn, db, key);
  const name =
    key
      .toString("latin1")
      .replace(/[^A-Za-z0-9._-]+/g, "_")
      .slice(0, 100) || "value";
  return new Response(stream, {
    headers: {
      "content-type": "application/octet-stream",
      "content-length": String(length),
      "content-disposition": `attachment; filename="${name}.bin"`,
      "cache-control": "no-store",
    },
  });
});
