import { route } from "@/lib/api/route";
import { listConnections } from "@/lib/redis/connections";

// GET /api/connections – the configured connections, never their URLs or credentials
export const GET = route({}, async () => ({ connections: listConnections() }));
