import "server-only";
import { type ConnectionConfig, config } from "@/lib/config";

/** Every connection: the environment's, then the saved ones. */
export function allConnections(): ConnectionConfig[] {
  return config().connections.map((c) => ({ ...c, source: "env" as const }));
}
