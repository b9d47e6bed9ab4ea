import "server-only";
import { ApiError } from "@/lib/errors";
import { scanCollection } from "../collection-scan";
import type { Check } from "../guarded-write";
import { features } from "../server-features";
import { targetFor } from "../target";
import { pairs } from "../typed-read";
import { equal, type TypeModule } from "./module";

export type HashPage = {
  cursor: string;
  entries: { field: Buffer; value: Buffer; ttl?: number }[];
  length: number;
  fieldTtl: boolean;
};

/** One HSCAN page of fields and values; per-field TTLs (HTTL) where the server has them. */
export async function readHash(
  connId: string,
  db: number,
  key: Buffer,
  req: { cursor: string; count: number; match?: Buffer },
): Promise<HashPage> {
  const client = await targetFor(connId, db).forKey(key);
  const [page, { hashFieldTtl }] = await Promise.all([
    scanCollection(
      client,
      key,
      { type: "hash", command: "HSCAN", lengthCommand: "HLEN", perElement: 2 },
      req,
    ),
    features(client),
  ]);
  const entries = pairs(page.items).map(
    ([field, value]) => ({ field, value }) as HashPage["entries"][number],
  );
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
  return { cursor: page.cursor, entries, length: page.length, fieldTtl: hashFieldTtl };
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
