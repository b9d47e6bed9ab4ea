import "server-only";
import { targetFor } from "./target";

// Documents larger than this are not sent whole: JSON.GET has no paging.
const MAX_JSON_BYTES = 1024 * 1024;

/** A ReJSON-RL document as text, unless it is over MAX_JSON_BYTES in memory. */
export async function readJsonDocument(connId: string, db: number, key: Buffer) {
  const client = await targetFor(connId, db).forKey(key);
  const memory = (await client.call("MEMORY", "USAGE", key)) as number | null;
  if (memory !== null && memory > MAX_JSON_BYTES)
    return { json: null, truncated: true, memoryBytes: memory };
  const raw = (await client.callBuffer("JSON.GET", key)) as Buffer | null;
  return {
    json: raw === null ? null : raw.toString("utf8"),
    truncated: false,
    memoryBytes: memory,
  };
}
