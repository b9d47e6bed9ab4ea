import { handle } from "@/lib/api/route";
import { connections } from "@/lib/endpoints";
import { sentinelReport } from "@/lib/redis/sentinel";

// GET /api/connections/{conn}/sentinel – the master the sentinels name, its replicas and the sentinels
export const GET = handle(connections.sentinel, async ({ conn }) => sentinelReport(conn));
