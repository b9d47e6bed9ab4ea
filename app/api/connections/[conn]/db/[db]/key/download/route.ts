import { handle } from "@/lib/api/route";
import { values } from "@/lib/endpoints";
import { downloadString } from "@/lib/redis/types/string";

// GET /api/connections/{conn}/db/{db}/key/download – the whole string value as a file, streamed in 1 MiB chunks
export const GET = handle(values.download, async ({ conn, db, query }) => {
  const { length, stream } = await downloadString(conn, db, query.key);
  const name =
    query.key
      .toString("latin1")
      .replace(/[^A-Za-z0-9._-]+/g, "_")
      .slice(0, 100) || "value";
  return { body: stream, length, filename: `${name}.bin` };
});
