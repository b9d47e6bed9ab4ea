import "server-only";
import { ApiError } from "@/lib/errors";
import { scanCollection } from "../collection-scan";
import { hashExact, isLiteral } from "../exact-lookup";
import type { Check } from "../guarded-write";
import { features } from "../server-features";
import { targetFor } from "../target";
import { pairs } from "../typed-read";
import { addCost, nameCost, preview, readBudgeted, valueCost } from "../value-budget";
import { equal, type TypeModule } from "./module";

export type HashPage = {
  cursor: string;
  entries: {
    field: Buffer;
    value: Buffer;
    ttl?: number;
    truncated?: true;
    valueLength?: number;
  }[];
  length: number;
  fieldTtl: boolean;
  exact?: true;
};

/**
 * One HSCAN page of fields and values (values over PREVIEW_BYTES previewed, the page bounded by
 * bytes: lib/redis/value-budget.ts); per-field TTLs (HTTL) where the server has them. A `match`
 * without glob characters is one HGET instead (lib/redis/exact-lookup.ts).
 */
export async function readHash(
  connId: string,
  db: number,
  key: Buffer,
  req: { cursor: string; count: number; match?: Buffer },
): Promise<HashPage> {
  const client = await targetFor(connId, db).forKey(key);
  if (req.match && isLiteral(req.match)) return hashExact(client, key, req.match);
  let cursor = req.cursor;
  let length = 0;
  const [page, { hashFieldTtl }] = await Promise.all([
    readBudgeted(
      req.count,
      ([field, value]: [Buffer, Buffer]) => addCost(nameCost(field), valueCost(value)),
      async (ask) => {
        const step = await scanCollection(
          client,
          key,
          { type: "hash", command: "HSCAN", lengthCommand: "HLEN", perElement: 2 },
          { cursor, count: ask, match: req.match },
        );
        cursor = step.cursor;
        length = step.length;
        // Fewer than asked with more to come: the scan's time budget ran out; answer now.
        return {
          items: pairs(step.items),
          more: cursor !== "0",
          pause: step.items.length < ask * 2,
        };
      },
    ),
    features(client),
  ]);
  const entries = page.items.map(([field, value]) => {
    const p = preview(value);
    const entry: HashPage["entries"][number] = { field, value: p.value };
    if (p.length !== undefined) {
      entry.truncated = true;
      entry.valueLength = p.length;
    }
    return entry;
  });
  if (hashFieldTtl && entries.length > 0) {
    const ttls = (await client.call(
      "HTTL",
      key,
      "FIELDS",
      entries.length,
      ...entries.map((e) => e.field),
    )) as number[];
    entries.forEach((e, i) => {
      e.ttl = ttls[i] ?? -1;
    });
  }
  return { cursor, entries, length, fieldTtl: hashFieldTtl };
}

export const hashType: TypeModule<"hash", "hset" | "hdel" | "hexpire"> = {
  read: async ({ connId, db, key }, q) => ({
    type: "hash",
    ...(await readHash(connId, db, key, { cursor: q.cursor, count: q.count, match: q.match })),
  }),
  edits: {
    hset: (key, e) => {
      const check: Check | null =
        e.expect === undefined
          ? null
          : e.expect === null
            ? { command: ["HGET", key, e.field], mode: "absent" }
            : equal(["HGET", key, e.field], e.expect);
      return { check, writes: [["HSET", key, e.field, e.value]] };
    },
    hdel: (key, e) => ({
      check: e.expect ? equal(["HGET", key, e.field], e.expect) : null,
      writes: [["HDEL", key, e.field]],
    }),
    hexpire: async (key, e, client) => {
      if (!(await features(client)).hashFieldTtl) {
        throw new ApiError(
          "BAD_REQUEST",
          "Field TTLs need Redis 7.4 or newer (HEXPIRE); this server does not have them.",
        );
      }
      return {
        check: null,
        writes: [
          e.ttl === null
            ? ["HPERSIST", key, "FIELDS", 1, e.field]
            : ["HEXPIRE", key, e.ttl, "FIELDS", 1, e.field],
        ],
      };
    },
  },
  create: (key, c) => ["HSET", key, ...c.entries.flat()],
};
