import { connRoute } from "@/lib/api/route";
import { readPersistence } from "@/lib/redis/overview";

// GET /api/connections/{conn}/persistence – RDB and AOF status alone (INFO persistence), for polling
export const GET = connRoute({}, async ({ conn }) => readPersistence(conn));
