import { handle } from "@/lib/api/route";
import { diagnostics } from "@/lib/endpoints";
import { killClient } from "@/lib/redis/clients";

// DELETE /api/connections/{conn}/clients/{id} – CLIENT KILL ID; 404 for an unknown id
export const DELETE = handle(
  diagnostics.killClient,
  async ({ conn, id, query }) => killClient(conn, id, query.node),
  {
    describe: ({ id, query }) => ({
      detail: { clientId: id, ...(query.node && { node: query.node }) },
    }),
  },
);
