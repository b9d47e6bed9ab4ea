import { handle } from "@/lib/api/route";
import { ops } from "@/lib/endpoints";
import { flushAll } from "@/lib/redis/persistence";

// POST /api/connections/{conn}/flushall – FLUSHALL (ASYNC where supported) once `confirm` is the connection id
export const POST = handle(ops.flushall, async ({ conn, body }) => flushAll(conn, body.confirm));
