import { handle } from "@/lib/api/route";
import { celery } from "@/lib/endpoints";
import { unackedMessages } from "@/lib/redis/celery-messages";

// GET /api/connections/{conn}/db/{db}/celery/unacked – in-flight messages with their age
export const GET = handle(celery.unacked, async ({ conn, db, query }) =>
  unackedMessages(conn, db, query.offset, query.count),
);
