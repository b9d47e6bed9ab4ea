import { handle } from "@/lib/api/route";
import { values } from "@/lib/endpoints";
import { streamGroups } from "@/lib/redis/types/stream";

// GET /api/connections/{conn}/db/{db}/key/stream/groups – consumer groups, consumers, lag and pending entries
export const GET = handle(values.groups, async ({ conn, db, query }) =>
  streamGroups(conn, db, query.key),
);
