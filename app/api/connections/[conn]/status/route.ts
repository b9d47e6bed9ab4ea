import { handle } from "@/lib/api/route";
import { server } from "@/lib/endpoints";
import { connectionStatus } from "@/lib/redis/probe";

// GET /api/connections/{conn}/status – the last probe's answer, at once (never waits on Redis)
export const GET = handle(server.status, async ({ conn }) => connectionStatus(conn));
