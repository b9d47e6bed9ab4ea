import { z } from "zod";
import { jsonBytes } from "../bytes";
import { decoded } from "../decode";
import { MAX_TTL_SECONDS } from "../keys";

// Pieces the per-type schemas share.

export const bytes = jsonBytes;
export const ttl = z.number().int().min(1).max(MAX_TTL_SECONDS);
// At most 1000 items per request: an edit runs as one Lua call, whose argument stack is bounded.
export const nonEmpty = <T extends z.ZodType>(item: T, max = 1000) => z.array(item).min(1).max(max);

/** Beside a value with `decode=`: its decoding, or null when none was recognised or it was cut. */
export const decodedOrNull = decoded.nullable().optional();
/** Parallel to a page's items with `decode=`. */
export const decodedList = z.array(decoded.nullable()).optional();

/** The fields every create body has besides its type and contents. */
export const createShape = { key: bytes, ttl: ttl.optional() };

/** Positions (in the page, or in an entry's fields) of values cut to a preview, and their full length. */
export const previews = z.array(z.object({ index: z.number(), length: z.number() })).optional();
/** A page answered by one exact lookup (HGET/SISMEMBER/ZSCORE) for a `match` without glob characters. */
export const exact = z.literal(true).optional();
