import { handle } from "@/lib/api/route";
import { importConnections } from "@/lib/connections/transfer";
import { connections } from "@/lib/endpoints";

// POST /api/connections/import – a connections file of Keyscope, RedisInsight, ARDM or Tiny RDM;
// each entry is saved or refused on its own, and the answer says which
export const POST = handle(
  connections.importFile,
  async ({ body }) => importConnections(body.content),
  { action: "connection import", keyscopeState: true },
);
