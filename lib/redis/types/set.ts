import "server-only";
import { scanCollection } from "../collection-scan";
import { targetFor } from "../target";
import type { TypeModule } from "./module";

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

export const setType: TypeModule<"set", "sadd" | "srem"> = {
  read: async ({ connId, db, key }, q) => ({
    type: "set",
    ...(await readSet(connId, db, key, { cursor: q.cursor, count: q.count, match: q.match })),
  }),
  edits: {
    sadd: (key, e) => ({ check: null, writes: [["SADD", key, ...e.members]] }),
    srem: (key, e) => ({ check: null, writes: [["SREM", key, ...e.members]] }),
  },
  create: (key, c) => ["SADD", key, ...c.members],
};
