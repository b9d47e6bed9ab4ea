import { route } from "@/lib/api/route";
import { VERSION } from "@/lib/version";

// GET /api/health – liveness of Keyscope itself (not of Redis); never needs auth
export const GET = route({ open: true }, async () => ({ ok: true, version: VERSION }));
