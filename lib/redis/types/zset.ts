import "server-only";
import { scanCollection } from "../collection-scan";
import type { Check } from "../guarded-write";
import { targetFor } from "../target";
import { pairs, readTyped, scoreJson } from "../typed-read";
import type { TypeModule } from "./module";

export type ZsetRequest = {
  offset: number;
  count: number;
  order: "asc" | "desc";
  min?: string;
  max?: string;
  cursor: string;
  match?: Buffer;
};

function members(flat: Buffer[]) {
  return pairs(flat).map(([member, score]) => ({ member, score: scoreJson(score) }));
}

/**
 * A rank window (ZRANGE … WITHSCORES), optionally within a score range (BYSCORE … LIMIT), in
 * either order; or, with `match`, one ZSCAN page (members by pattern, in no order).
 */
export async function readZset(connId: string, db: number, key: Buffer, req: ZsetRequest) {
  const client = await targetFor(connId, db).forKey(key);
  if (req.match) {
    const page = await scanCollection(
      client,
      key,
      { type: "zset", command: "ZSCAN", lengthCommand: "ZCARD", perElement: 2 },
      req,
    );
    return { offset: null, cursor: page.cursor, members: members(page.items), length: page.length };
  }
  const rev = req.order === "desc" ? ["REV"] : [];
  const byScore = req.min !== undefined || req.max !== undefined;
  const min = req.min ?? "-inf";
  const max = req.max ?? "+inf";
  const range = byScore
    ? [...(rev.length ? [max, min] : [min, max]), "BYSCORE", ...rev, "LIMIT", req.offset, req.count]
    : [req.offset, req.offset + req.count - 1, ...rev];
  const [length, flat] = await readTyped(client, key, "zset", [
    ["ZCARD", key],
    ["ZRANGE", key, ...range, "WITHSCORES"],
  ]);
  return { offset: req.offset, members: members(flat as Buffer[]), length: Number(length) };
}

export const zsetType: TypeModule<"zset", "zadd" | "zincrby" | "zrem"> = {
  // Sorted sets default to ascending scores.
  read: async ({ connId, db, key }, q) => ({
    type: "zset",
    ...(await readZset(connId, db, key, { ...q, order: q.order ?? "asc" })),
  }),
  edits: {
    zadd: (key, e) => {
      const check: Check | null =
        e.expect === undefined
          ? null
          : e.expect === null
            ? { command: ["ZSCORE", key, e.member], mode: "absent" }
            : { command: ["ZSCORE", key, e.member], mode: "number", want: e.expect };
      return { check, writes: [["ZADD", key, e.score, e.member]] };
    },
    zincrby: (key, e) => ({ check: null, writes: [["ZINCRBY", key, e.by, e.member]] }),
    zrem: (key, e) => ({ check: null, writes: [["ZREM", key, ...e.members]] }),
  },
  create: (key, c) => ["ZADD", key, ...c.members.flatMap(([m, s]) => [s, m])],
};
