import "server-only";
import type { KeyContext } from "./module";

/** A module type with no module here: say what it is and how big, never fail the page. */
export async function readOther({ client, key }: KeyContext, type: string) {
  const memory = (await client.call("MEMORY", "USAGE", key).catch(() => null)) as number | null;
  return { type, unsupported: true as const, memoryBytes: memory };
}
