import "server-only";
import { redisFor } from "./client";
import { scanCollection } from "./collection-scan";

/** One SSCAN page of members. */
export async function readSet(
  connId: string,
  db: number,
  key: Buffer,
  req: { cursor: string; count: number; match?: Buffer },
) {
  const client = await redisFor(connId, db);
  const page = await scanCollection(
    client,
    key,
    { type: "set", command: "SSCAN", lengthCommand: "SCARD", perElement: 1 },
    req,
  );
  return { cursor: page.cursor, members: page.items, length: page.length };
}
