import { handle } from "@/lib/api/route";
import { celery } from "@/lib/endpoints";
import { celeryResults } from "@/lib/redis/celery-messages";

// GET /api/connections/{conn}/db/{db}/celery/results – a page of task results
export const GET = handle(celery.results, async ({ conn, db, query }) =>
  celeryResults(conn, db, query.cursor, query.count),
);
