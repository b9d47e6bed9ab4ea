import { handle } from "@/lib/api/route";
import { connectionState } from "@/lib/connections/state";
import { connections } from "@/lib/endpoints";

// GET /api/connections/{conn}/state – reachable, version, keys and memory, within the connect timeout
export const GET = handle(connections.state, async ({ conn }) => connectionState(conn));
