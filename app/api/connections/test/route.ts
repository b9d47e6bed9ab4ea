import { handle } from "@/lib/api/route";
import { testConnection } from "@/lib/connections/test";
import { connections } from "@/lib/endpoints";

// POST /api/connections/test – connect, AUTH, PING and INFO once, within the connect timeout.
// A POST that only reads: allowed in read-only mode and with edits off, and not audited.
export const POST = handle(connections.test, async ({ body }) => testConnection(body), {
  writes: () => false,
});
