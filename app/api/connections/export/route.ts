import { handle } from "@/lib/api/route";
import { exportConnections } from "@/lib/connections/transfer";
import { connections } from "@/lib/endpoints";

// GET /api/connections/export – the saved connections as a JSON file; with passwords=1 it holds
// secrets, so that request is written to the audit log (a read, but one that lets secrets out)
export const GET = handle(connections.exportFile, async ({ req, query }) =>
  exportConnections(req, query.passwords === "1"),
);
