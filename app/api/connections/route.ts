import { handle } from "@/lib/api/route";
import { server } from "@/lib/endpoints";
import { listConnections } from "@/lib/redis/connections";

// GET /api/connections – the configured connections, never their URLs or credentials
export const GET = handle(server.connections, async () => ({ connections: listConnections() }));
