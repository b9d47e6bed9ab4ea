import { handle } from "@/lib/api/route";
import { server } from "@/lib/endpoints";
import { VERSION } from "@/lib/version";

// GET /api/health – liveness of Keyscope itself (not of Redis); never needs auth
export const GET = handle(server.healthCheck, async () => ({ ok: true, version: VERSION }));
