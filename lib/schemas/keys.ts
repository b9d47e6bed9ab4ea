import { z } from "zod";
import { base64ToBytes, toBuffer } from "@/lib/bytes";
import { appInfo } from "./apps";
import { intParam, jsonBytes, keyFromQuery, keyQueryShape, matchFromQuery } from "./bytes";
import { checkedMatch } from "./match";

export const MAX_TTL_SECONDS = 2_147_483_647; // ~68 years; beyond it Redis's expire math overflows on some versions

/** Redis type names, and module types such as ReJSON-RL. */
export const typeName = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, "type must be a Redis type name");

export const keysQuery = z
  .strictObject({
    match: z.string().max(4096).optional(),
    match64: keyQueryShape.key64,
    type: typeName.optional(),
    // A cluster's cursor carries the slots already walked (lib/redis/cluster-cursor.ts).
    cursor: z.string().max(4096).optional(),
    count: intParam(1, 5000).optional(),
    meta: z.enum(["0", "1"]).optional(),
  })
  .transform((q, ctx) => ({
    match: checkedMatch(matchFromQuery(q), ctx),
    type: q.type,
    cursor: q.cursor,
    count: q.count ?? 500,
    meta: q.meta !== "0",
  }));

export const keyQuery = z
  .strictObject(keyQueryShape)
  .transform((q, ctx) => ({ key: keyFromQuery(q, ctx) }));

// GET …/keys/meta?k=<base64url>&k=…: type and TTL of the keys on screen, for lists walked
// with meta=0. At most 200 keys, so the URL stays well under common limits.
export const keysMetaQuery = z
  .strictObject({
    k: z.union([
      keyQueryShape.key64.unwrap(),
      z.array(keyQueryShape.key64.unwrap()).min(1).max(200),
    ]),
  })
  .transform((q) => ({
    keys: (Array.isArray(q.k) ? q.k : [q.k]).map((k) => toBuffer(base64ToBytes(k))),
  }));

// GET …/keys/memory?k=…: MEMORY USAGE of the rows on screen, 200 at most (as keys/meta).
export const keysMemoryQuery = keysMetaQuery;
export const keysMemory = z.object({
  keys: z.array(z.object({ key: jsonBytes, memoryBytes: z.number().nullable() })),
});

export const serverTypesResult = z.object({
  /** Type names SCAN TYPE can filter by on this server: the core types and its modules' types. */
  types: z.array(z.string()),
  /** True when the server loads a module whose types are not known: any name may exist. */
  any: z.boolean(),
});

export const ttlBody = z.strictObject({
  ttl: z
    .number({ error: "ttl must be a whole number of seconds (at least 1) or null" })
    .int("ttl must be a whole number of seconds")
    .min(1, "ttl must be at least 1 second; use null to remove the TTL")
    .max(MAX_TTL_SECONDS, `ttl must be at most ${MAX_TTL_SECONDS} seconds`)
    .nullable(),
});

export const renameBody = z.strictObject({
  newKey: jsonBytes,
  overwrite: z.boolean().optional().default(false),
});

export const putValueBody = z.strictObject({ value: jsonBytes });

// --- responses ---

export const scannedKey = z.object({
  key: jsonBytes,
  type: z.string().optional(),
  ttl: z.number().optional(),
});
export const keysMeta = z.object({ keys: z.array(scannedKey) });
export const keysPage = z.object({
  cursor: z.string(),
  keys: z.array(scannedKey),
  dbsize: z.number(),
  /**
   * First page only, when `match` names one key (no glob characters, or a literal prefix and one
   * trailing `*`): that key if it exists, else null. It is left out of `keys` on that page.
   */
  exact: z.object({ key: jsonBytes, type: z.string(), ttl: z.number() }).nullable().optional(),
  /** 0..1: about how much of the keyspace the walk has passed (1 when `cursor` is "0"). */
  progress: z.number().min(0).max(1).optional(),
  /**
   * Cluster only: the cluster changed under the walk (a failover, a resharding) and part of it
   * started again; this says which slots, whose keys may be listed a second time.
   */
  restarted: z.string().optional(),
});
/** A page of keys in its JSON form, as the browser gets it. */
export type KeysPage = z.input<typeof keysPage>;
export type ScannedKeyJson = z.input<typeof scannedKey>;

export const keyInfo = z.object({
  key: jsonBytes,
  type: z.string(),
  ttl: z.number(),
  encoding: z.string().nullable(),
  memoryBytes: z.number().nullable(),
  length: z.number().nullable(),
  /** The app the key belongs to, when recognised (lib/apps). */
  app: appInfo.optional(),
});

export const ttlResult = z.object({ ttl: z.number() });
export const deleteResult = z.object({ deleted: z.number() });
export const renameResult = z.object({ renamed: z.literal(true), newKey: jsonBytes });
