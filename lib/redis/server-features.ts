import "server-only";
import type { Redis } from "ioredis";
import { processState } from "@/lib/process-state";

// What the server can do, asked once per client: the version decides optional features
// (hash-field TTL needs Redis 7.4+), INFO modules tells whether ReJSON is loaded.
export type Features = { version: string; hashFieldTtl: boolean };

const cache = processState("features", () => new WeakMap<Redis, Promise<Features>>());

function atLeast(version: string, major: number, minor: number): boolean {
  const [a = 0, b = 0] = version.split(".").map(Number);
  return a > major || (a === major && b >= minor);
}

export function features(client: Redis): Promise<Features> {
  let known = cache.get(client);
  if (!known) {
    known = client.info("server").then((info) => {
      const version = /redis_version:([\d.]+)/.exec(info)?.[1] ?? "0.0.0";
      // Valkey reports redis_version 7.2.4 for compatibility; it gained HTTL in 9.0, which
      // reports valkey_version; treat both the same way.
      const valkey = /valkey_version:([\d.]+)/.exec(info)?.[1];
      return {
        version: valkey ?? version,
        hashFieldTtl: valkey ? atLeast(valkey, 9, 0) : atLeast(version, 7, 4),
      };
    });
    known.catch(() => cache.delete(client));
    cache.set(client, known);
  }
  return known;
}
