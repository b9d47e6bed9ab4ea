import "server-only";
import { scanCollection } from "./collection-scan";
import { targetFor } from "./target";
import { pairs, readTyped, scoreJson } from "./typed-read";

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
