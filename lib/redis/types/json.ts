import "server-only";
import type { Redis } from "ioredis";
import { runScript, script } from "../scripts";
import { targetFor } from "../target";
import type { TypeModule } from "./module";

// Documents larger than this are not sent whole: JSON.GET has no paging.
const MAX_JSON_BYTES = 1024 * 1024;
// What a too-large document shows instead: its start.
export const JSON_START_BYTES = 64 * 1024;
// Cutting the start still has Redis serialise the whole document (and block meanwhile), so only
// up to this size; a larger one is shown as too large, with nothing read.
const MAX_START_SOURCE_BYTES = 16 * 1024 * 1024;

// JSON.GET inside Redis, returning only the first ARGV[1] bytes, so a 100 MB document never
// crosses the network or sits in this process. The read command is ARGV[2] (JSON.GET) so a test
// can run the same script on a plain string with GET: no RedisJSON module is installable here.
const READ_START = script(`
local doc = redis.call(ARGV[2], KEYS[1])
if not doc then return false end
return string.sub(doc, 1, tonumber(ARGV[1]))
`);

/** `bytes` without a UTF-8 sequence cut off at its end (the script cuts at a byte count). */
function wholeCharacters(bytes: Buffer): Buffer {
  let i = bytes.length - 1;
  // Step back over continuation bytes (10xxxxxx) to the lead byte of the last sequence.
  while (i >= 0 && i > bytes.length - 4 && ((bytes[i] as number) & 0xc0) === 0x80) i--;
  if (i < 0) return bytes;
  const lead = bytes[i] as number;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return bytes.length - i < need ? bytes.subarray(0, i) : bytes;
}

/** The first `maxBytes` of a document's JSON text, or null when it cannot be read. */
export async function readJsonStart(
  client: Redis,
  key: Buffer,
  maxBytes: number,
  command = "JSON.GET",
): Promise<string | null> {
  try {
    const start = (await runScript(
      client,
      READ_START,
      [key],
      [maxBytes, command],
    )) as Buffer | null;
    return start === null ? null : wholeCharacters(start).toString("utf8");
  } catch {
    // EVAL refused (ACLs, some managed services): say the document is too large, show nothing.
    return null;
  }
}

/** A ReJSON-RL document as text; over MAX_JSON_BYTES in memory only its start, over 16 MiB none. */
export async function readJsonDocument(connId: string, db: number, key: Buffer) {
  const client = await targetFor(connId, db).forKey(key);
  const memory = (await client.call("MEMORY", "USAGE", key)) as number | null;
  if (memory !== null && memory > MAX_JSON_BYTES) {
    const json =
      memory > MAX_START_SOURCE_BYTES ? null : await readJsonStart(client, key, JSON_START_BYTES);
    return { json, truncated: true, memoryBytes: memory };
  }
  const raw = (await client.callBuffer("JSON.GET", key)) as Buffer | null;
  return {
    json: raw === null ? null : raw.toString("utf8"),
    truncated: false,
    memoryBytes: memory,
  };
}

export const jsonType: TypeModule<"ReJSON-RL"> = {
  read: async ({ connId, db, key }) => ({
    type: "ReJSON-RL",
    ...(await readJsonDocument(connId, db, key)),
  }),
  edits: {},
  create: null,
};
