import "server-only";
import { scanCollection } from "./collection-scan";
import { features } from "./server-features";
import { targetFor } from "./target";
import { pairs } from "./typed-read";

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
