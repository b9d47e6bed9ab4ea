import { dbRoute } from "@/lib/api/route";
import { flushDatabase } from "@/lib/redis/persistence";
import { flushBody } from "@/lib/schemas/overview";

// POST /api/connections/{conn}/db/{db}/flush – FLUSHDB (ASYNC where supported) once `confirm` is the db index
export const POST = dbRoute({ body: flushBody }, async ({ conn, db, body }) =>
  flushDatabase(conn, db, body.confirm),
);
