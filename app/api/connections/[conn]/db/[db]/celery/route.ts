import { handle } from "@/lib/api/route";
import { celery } from "@/lib/endpoints";
import { celeryOverview } from "@/lib/redis/celery";

// GET /api/connections/{conn}/db/{db}/celery – Celery queues with their priority sub-queues
export const GET = handle(celery.overview, async ({ conn, db }) => celeryOverview(conn, db));
