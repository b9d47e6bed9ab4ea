import { handle } from "@/lib/api/route";
import { ops } from "@/lib/endpoints";
import { readPersistence } from "@/lib/redis/overview";

// GET /api/connections/{conn}/persistence – RDB and AOF status alone (INFO persistence), for polling
export const GET = handle(ops.persistence, async ({ conn, query }) =>
  readPersistence(conn, query.node),
);
