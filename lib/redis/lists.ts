import "server-only";
import { targetFor } from "./target";
import { readTyped } from "./typed-read";

/** A window of a list by index (LRANGE offset … offset+count-1): O(offset + count), never the whole list. */
export async function readList(
  connId: string,
  db: number,
  key: Buffer,
  offset: number,
  count: number,
) {
  const client = await targetFor(connId, db).forKey(key);
  const [length, items] = await readTyped(client, key, "list", [
    ["LLEN", key],
    ["LRANGE", key, offset, offset + count - 1],
  ]);
  return { offset, items: items as Buffer[], length: Number(length) };
}
