import "server-only";
import { ApiError } from "@/lib/errors";
import { notFound } from "../keys";
import { runScript, script } from "../scripts";
import { targetFor } from "../target";
import { equal, type TypeModule } from "./module";

export type StringPage = {
  value: Buffer;
  offset: number;
  length: number;
  truncated: boolean;
  hyperloglog?: { count: number };
};

/** A window of a string value: GETRANGE, never GET, so a 100 MB value costs only the window. */
export async function readString(
  connId: string,
  db: number,
  key: Buffer,
  offset: number,
  limit: number,
): Promise<StringPage> {
  const client = await targetFor(connId, db).forKey(key);
  const tx = client.multi();
  tx.type(key)
    .strlen(key)
    .getrangeBuffer(key, offset, offset + limit - 1);
  const replies = (await tx.exec()) ?? [];
  const type = String(replies[0]?.[1]);
  if (type === "none") throw notFound();
  if (type !== "string") throw new ApiError("WRONG_TYPE", `The key holds a ${type}, not a string.`);
  const length = Number(replies[1]?.[1]);
  const value = (replies[2]?.[1] as Buffer | undefined) ?? Buffer.alloc(0);
  const page: StringPage = { value, offset, length, truncated: offset + value.length < length };
  // HyperLogLogs are strings that start with "HYLL"; PFCOUNT gives their estimate in O(1).
  if (offset === 0 && value.subarray(0, 4).toString("latin1") === "HYLL") {
    const count = await client.pfcount(key).catch(() => null);
    if (count !== null) page.hyperloglog = { count };
  }
  return page;
}

// SET with KEEPTTL, but only on a key that is missing or already a string: a plain SET would
// silently replace a hash or list with a string.
const SET_STRING_KEEP_TTL = script(`
local t = redis.call('TYPE', KEYS[1])['ok']
if t ~= 'string' and t ~= 'none' then return redis.error_reply('WRONGTYPE ' .. t) end
redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL')
return t
`);

/** Sets a string value and keeps its TTL; 409 WRONG_TYPE when the key is another type. */
export async function writeString(
  connId: string,
  db: number,
  key: Buffer,
  value: Buffer,
): Promise<void> {
  const client = await targetFor(connId, db).forKey(key);
  await runScript(client, SET_STRING_KEEP_TTL, [key], [value]);
}

const DOWNLOAD_CHUNK = 1024 * 1024;

/**
 * The whole value as a stream of GETRANGE chunks, read only as fast as the client takes them,
 * so a 100 MB value never sits in the server's memory. A value changed mid-download is sent
 * as the chunks were read.
 */
export async function downloadString(
  connId: string,
  db: number,
  key: Buffer,
): Promise<{ length: number; stream: ReadableStream<Uint8Array> }> {
  const first = await readString(connId, db, key, 0, DOWNLOAD_CHUNK);
  let offset = first.value.length;
  const client = await targetFor(connId, db).forKey(key);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new Uint8Array(first.value));
      if (offset >= first.length) controller.close();
    },
    async pull(controller) {
      const chunk = await client.getrangeBuffer(
        key,
        offset,
        Math.min(offset + DOWNLOAD_CHUNK, first.length) - 1,
      );
      offset += chunk.length;
      if (chunk.length > 0) controller.enqueue(new Uint8Array(chunk));
      if (chunk.length === 0 || offset >= first.length) controller.close();
    },
  });
  return { length: first.length, stream };
}

export const stringType: TypeModule<"string", "set"> = {
  read: async ({ connId, db, key }, q) => {
    const p = await readString(connId, db, key, q.offset, q.limit);
    return {
      type: "string",
      value: p.value,
      offset: p.offset,
      length: p.length,
      truncated: p.truncated,
      ...(p.hyperloglog && { hyperloglog: p.hyperloglog }),
    };
  },
  edits: {
    set: (key, e) => ({
      check: e.expect ? equal(["GET", key], e.expect) : null,
      writes: [["SET", key, e.value, "KEEPTTL"]],
    }),
  },
  create: (key, c) => ["SET", key, c.value],
};
