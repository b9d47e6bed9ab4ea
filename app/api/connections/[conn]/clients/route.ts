import { handle } from "@/lib/api/route";
import { diagnostics } from "@/lib/endpoints";
import { listClients } from "@/lib/redis/clients";

// GET /api/connections/{conn}/clients – CLIENT LIST as rows, Keyscope's own connections marked
export const GET = handle(diagnostics.clients, async ({ conn }) => listClients(conn));
