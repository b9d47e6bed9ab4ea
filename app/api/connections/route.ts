import { handle } from "@/lib/api/route";
import { connectionEdits, createConnection } from "@/lib/connections/edits";
import { connections, server } from "@/lib/endpoints";
import { listConnections } from "@/lib/redis/connections";

// GET /api/connections – every connection (environment and saved), never a URL or a credential
export const GET = handle(server.connections, async () => ({
  connections: listConnections(),
  edits: connectionEdits(),
}));

// POST /api/connections – add a connection; Keyscope's own state, so a write like an analysis
// report's DELETE: refused in read-only mode, and audited (without its secrets)
export const POST = handle(connections.create, async ({ body }) => createConnection(body), {
  action: "connection add",
  keyscopeState: true,
});
