import { handle } from "@/lib/api/route";
import { celery } from "@/lib/endpoints";
import { queueMessages } from "@/lib/redis/celery-messages";

// GET /api/connections/{conn}/db/{db}/celery/queues/{name}/messages – a window of a queue's messages
export const GET = handle(celery.messages, async ({ conn, db, name, query }) =>
  queueMessages(conn, db, name, query.offset, query.count),
);
