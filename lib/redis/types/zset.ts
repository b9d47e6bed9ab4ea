import "server-only";
import { scanCollection } from "../collection-scan";
import { isLiteral, zsetExact } from "../exact-lookup";
import type { Check } from "../guarded-write";
import { targetFor } from "../target";
import { pairs, readTyped, scoreJson } from "../typed-read";
import { nameCost, readBudgeted } from "../value-budget";
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

type Member = { member: Buffer; score: ReturnType<typeof scoreJson> };

function members(flat: Buffer[]): Member[] {
  return pairs(flat).map(([member, score]) => ({ member, score: scoreJson(score) }));
}

// A score is at most ~24 bytes of JSON; members are never cut (ZREM/ZADD name them).
const memberCost = (m: Member) => nameCost(m.member);

/**
 * A rank window (ZRANGE … WITHSCORES), optionally within a score range (BYSCORE … LIMIT), in
 * either order; or, with `match`, one ZSCAN page (members by pattern, in no order), or for a
 * `match` without glob characters one ZSCORE. Bounded by bytes (lib/redis/value-budget.ts):
 * a window that stops early holds fewer than `count` members and the next starts after them.
 */
export async function readZset(connId: string, db: number, key: Buffer, req: ZsetRequest) {
  const client = await targetFor(connId, db).forKey(key);
  if (req.match && isLiteral(req.match)) return zsetExact(client, key, req.match);
  let length = 0;
  if (req.match) {
    let cursor = req.cursor;
    const page = await readBudgeted(req.count, memberCost, async (ask) => {
      const step = await scanCollection(
        client,
        key,
        { type: "zset", command: "ZSCAN", lengthCommand: "ZCARD", perElement: 2 },
        { cursor, count: ask, match: req.match },
      );
      cursor = step.cursor;
      length = step.length;
      return {
        items: members(step.items),
        more: cursor !== "0",
        pause: step.items.length < ask * 2,
      };
    });
    return { offset: null, cursor, members: page.items, length };
  }
  const rev = req.order === "desc" ? ["REV"] : [];
  const byScore = req.min !== undefined || req.max !== undefined;
  const min = req.min ?? "-inf";
  const max = req.max ?? "+inf";
  let at = req.offset;
  const page = await readBudgeted(req.count, memberCost, async (ask) => {
    const range = byScore
      ? [...(rev.length ? [max, min] : [min, max]), "BYSCORE", ...rev, "LIMIT", at, ask]
      : [at, at + ask - 1, ...rev];
    const [card, flat] = await readTyped(client, key, "zset", [
      ["ZCARD", key],
      ["ZRANGE", key, ...range, "WITHSCORES"],
    ]);
    length = Number(card);
    const items = members(flat as Buffer[]);
    at += items.length;
    return { items, more: items.length === ask };
  });
  return { offset: req.offset, members: page.items, length };
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
