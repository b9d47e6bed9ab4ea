import "server-only";
import { scanCollection } from "../collection-scan";
import { isLiteral, setExact } from "../exact-lookup";
import { targetFor } from "../target";
import { nameCost, readBudgeted } from "../value-budget";
import type { TypeModule } from "./module";

/**
 * One SSCAN page of members, bounded by bytes (members are never cut: they are what SREM
 * names). A `match` without glob characters is one SISMEMBER instead.
 */
export async function readSet(
  connId: string,
  db: number,
  key: Buffer,
  req: { cursor: string; count: number; match?: Buffer },
): Promise<{ cursor: string; members: Buffer[]; length: number; exact?: true }> {
  const client = await targetFor(connId, db).forKey(key);
  if (req.match && isLiteral(req.match)) return setExact(client, key, req.match);
  let cursor = req.cursor;
  let length = 0;
  const page = await readBudgeted(req.count, nameCost, async (ask) => {
    const step = await scanCollection(
      client,
      key,
      { type: "set", command: "SSCAN", lengthCommand: "SCARD", perElement: 1 },
      { cursor, count: ask, match: req.match },
    );
    cursor = step.cursor;
    length = step.length;
    return { items: step.items, more: cursor !== "0", pause: step.items.length < ask };
  });
  return { cursor, members: page.items, length };
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
