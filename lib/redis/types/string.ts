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
  hyperloglog?: { count: number | null };
};

// A HyperLogLog's 16-byte header (Redis's hyperloglog.c): "HYLL", the encoding (0 dense, 1
// sparse), 3 unused bytes, then the cached cardinality, 8 bytes little-endian, whose last byte
// has its top bit set when the cache is stale. PFCOUNT rewrites a stale cache, which makes it a
// write (rdb_changes_since_last_save +1, even in read-only mode), so reads take the count from
// the header and say "stale" instead; counting is the `pfcount` edit.
const HLL_HEADER = 16;
const HLL_DENSE_SIZE = HLL_HEADER + (16384 * 6) / 8;

function hyperloglogOf(header: Buffer, length: number): { count: number | null } | undefined {
  if (header.length < HLL_HEADER || header.toString("latin1", 0, 4) !== "HYLL") return undefined;
  const encoding = header[4];
  // A string that merely starts with "HYLL" is not a sketch: PFCOUNT would refuse it.
  if (encoding === 0 ? length !== HLL_DENSE_SIZE : encoding !== 1) return undefined;
  if (((header[15] as number) & 0x80) !== 0) return { count: null };
  return { count: Number(header.readBigUInt64LE(8)) };
}

/** A window of a string value: GETRANGE, never GET, so a 100 MB value costs only the window. */
export async function readString(
  connId: string,
  db: number,
  key: Buffer,
  offset: number,
  limit: number,
): Promise<StringPage> {
  const client = await targetFor(connId, db).forKey(key);
  // A HyperLogLog is told by its header, shown with the first window only; a window shorter
  // than the header reads the header on its own (in the same MULTI).
  const ownHeader = offset === 0 && limit < HLL_HEADER;
  const tx = client.multi();
  tx.type(key)
    .strlen(key)
    .getrangeBuffer(key, offset, offset + limit - 1);
  if (ownHeader) tx.getrangeBuffer(key, 0, HLL_HEADER - 1);
  const replies = (await tx.exec()) ?? [];
  const type = String(replies[0]?.[1]);
  if (type === "none") throw notFound();
  if (type !== "string") throw new ApiError("WRONG_TYPE", `The key holds a ${type}, not a string.`);
  const length = Number(replies[1]?.[1]);
  const value = (replies[2]?.[1] as Buffer | undefined) ?? Buffer.alloc(0);
  const page: StringPage = { value, offset, length, truncated: offset + value.length < length };
  if (offset === 0) {
    const header = ownHeader ? ((replies[3]?.[1] as Buffer | undefined) ?? Buffer.alloc(0)) : value;
    const hyperloglog = hyperloglogOf(header, length);
    if (hyperloglog) page.hyperloglog = hyperloglog;
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

export const stringType: TypeModule<"string", "set" | "pfcount"> = {
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
    // PFCOUNT refreshes a HyperLogLog's cached count: a write, so it is an edit (refused in
    // read-only mode, audited); its result is the count. A string that is not one is 409.
    pfcount: (key) => ({ check: null, writes: [["PFCOUNT", key]] }),
  },
  create: (key, c) => ["SET", key, c.value],
};
