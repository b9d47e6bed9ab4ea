import { handle } from "@/lib/api/route";
import { ops } from "@/lib/endpoints";
import { flushDatabase } from "@/lib/redis/persistence";

// POST /api/connections/{conn}/db/{db}/flush – FLUSHDB (ASYNC where supported) once `confirm` is the db index
export const POST = handle(ops.flush, async ({ conn, db, body }) =>
  flushDatabase(conn, db, body.confirm),
);
