import "server-only";
import { scanCollection } from "./collection-scan";
import { targetFor } from "./target";

/** One SSCAN page of members. */
export async function readSet(
  connId: string,
  db: number,
  key: Buffer,
  req: { cursor: string; count: number; match?: Buffer },
) {
  const client = await targetFor(connId, db).forKey(key);
  const page = await scanCollection(
    client,
    key,
    { type: "set", command: "SSCAN", lengthCommand: "SCARD", perElement: 1 },
    req,
  );
  return { cursor: page.cursor, members: page.items, length: page.length };
}
