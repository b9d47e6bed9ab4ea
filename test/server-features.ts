import type { Redis } from "ioredis";

/**
 * Whether the test server has hash-field TTLs, asked from the server itself (COMMAND INFO answers
 * nil for an unknown command) rather than from its version, so tests that expect either answer
 * hold on Redis 7.0 here, Redis 7.4+ and Valkey 9+ alike, and check Keyscope's version logic.
 */
export async function hasHashFieldTtl(raw: Redis): Promise<boolean> {
  const [info] = (await raw.call("COMMAND", "INFO", "HTTL")) as unknown[];
  return Array.isArray(info);
}
