import "server-only";
import { config } from "@/lib/config";
import type { ConnectionSummary } from "@/lib/schemas/connections";

/** What the API may say about each connection: no URL, so no password can leak through it. */
export function listConnections(): ConnectionSummary[] {
  const { connections, readOnly } = config();
  return connections.map((c) => ({
    id: c.id,
    name: c.name,
    mode: "standalone",
    readOnly: readOnly || c.readOnly,
    production: c.production,
  }));
}
