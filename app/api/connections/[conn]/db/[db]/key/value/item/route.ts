import { handle } from "@/lib/api/route";
import { values } from "@/lib/endpoints";
import { readItem } from "@/lib/redis/value-item";

// GET /api/connections/{conn}/db/{db}/key/value/item – one field/item/stream value in full
export const GET = handle(values.item, async ({ conn, db, query }) => readItem(conn, db, query));
