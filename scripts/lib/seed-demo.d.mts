import type { Redis } from "ioredis";

export type FixtureEntry = {
  db: number;
  /** base64 of the key bytes */
  key: string;
  type: "string" | "list" | "set" | "hash" | "zset";
  /** seconds, or -1 for no expiry */
  ttl: number;
  /** string → base64; list/set → base64[]; hash → [field, value][]; zset → [member, score][] */
  value: string | string[] | [string, string | number][];
  mustShow: string[];
};
export declare const FIXTURE_URL: URL;
export declare function loadFixture(): FixtureEntry[];
export declare function seedDemo(
  redis: Redis,
  options?: { big?: boolean; log?: (line: string) => void },
): Promise<{ ms: number; keys: number }>;
