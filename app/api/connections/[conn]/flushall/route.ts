import { connRoute } from "@/lib/api/route";
import { flushAll } from "@/lib/redis/persistence";
import { flushBody } from "@/lib/schemas/overview";

// POST /api/connections/{conn}/flushall – FLUSHALL (ASYNC where supported) once `confirm` is the connection id
export const POST = connRoute({ body: flushBody }, async ({ conn, body }) =>
  flushAll(conn, body.confirm),
);
