import "server-only";
import { hinterFor } from "@/lib/apps/hints";
import { decodeBytes } from "@/lib/decode/registry";
import { ApiError } from "@/lib/errors";
import type { Decoded } from "@/lib/schemas/decode";
import type { ItemQuery } from "@/lib/schemas/types/item";
import { hashFieldWindow } from "./exact-lookup";
import { targetFor } from "./target";
import { readTyped } from "./typed-read";

export type ItemWindow = {
  type: "hash" | "list" | "stream";
  value: Buffer;
  offset: number;
  length: number;
  truncated: boolean;
  decoded?: Decoded | null;
};

const missing = (what: string) => new ApiError("NOT_FOUND", `No ${what} in this key.`);

function windowOf(type: ItemWindow["type"], whole: Buffer, q: ItemQuery): ItemWindow {
  const value = whole.subarray(q.offset, q.offset + q.limit);
  return {
    type,
    value,
    offset: q.offset,
    length: whole.length,
    truncated: q.offset + value.length < whole.length,
  };
}

/**
 * One value of a collection (what a page previewed), `limit` bytes from `offset`. A hash field
 * is sized with HSTRLEN and read as a window inside Redis when it is bigger; a list item
 * (LINDEX) and a stream field (XRANGE id id) have no bounded read in Redis, so they are cut here.
 */
export async function readItem(connId: string, db: number, q: ItemQuery): Promise<ItemWindow> {
  const window = await readWindow(connId, db, q);
  if (!q.decode) return window;
  // Only a whole value decodes: a window of a pickle or a zlib stream is not one.
  const whole = window.offset === 0 && !window.truncated;
  const hint = whole ? hinterFor(q.key, window.type)?.(window.value) : undefined;
  return {
    ...window,
    decoded: whole ? await decodeBytes(window.value, q.decode, { hint }) : null,
  };
}

async function readWindow(connId: string, db: number, q: ItemQuery): Promise<ItemWindow> {
  const client = await targetFor(connId, db).forKey(q.key);
  if (q.kind === "hash") {
    const found = await hashFieldWindow(client, q.key, q.field, q.offset, q.limit);
    if (!found) throw missing("such field");
    return {
      type: "hash",
      value: found.value,
      offset: q.offset,
      length: found.length,
      truncated: q.offset + found.value.length < found.length,
    };
  }
  if (q.kind === "list") {
    const [item] = await readTyped(client, q.key, "list", [["LINDEX", q.key, q.index]]);
    if (item === null) throw missing(`item at index ${q.index}`);
    return windowOf("list", item as Buffer, q);
  }
  const [raw] = (await readTyped(client, q.key, "stream", [["XRANGE", q.key, q.id, q.id]])) as [
    [Buffer, Buffer[]][],
  ];
  const value = raw[0]?.[1][q.n * 2 + 1];
  if (value === undefined) throw missing(`field ${q.n} in entry ${q.id}`);
  return windowOf("stream", value, q);
}
