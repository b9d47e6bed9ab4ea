import { handle } from "@/lib/api/route";
import { deleteConnection, updateConnection } from "@/lib/connections/edits";
import { connections } from "@/lib/endpoints";

// PUT /api/connections/{conn} – change a saved connection (the fields given); its clients close
export const PUT = handle(
  connections.update,
  async ({ conn, body }) => updateConnection(conn, body),
  { action: "connection edit", keyscopeState: true },
);

// DELETE /api/connections/{conn} – delete a saved connection; its clients close
export const DELETE = handle(connections.remove, async ({ conn }) => deleteConnection(conn), {
  action: "connection delete",
  keyscopeState: true,
});
