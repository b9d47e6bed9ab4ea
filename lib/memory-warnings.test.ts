import { describe, expect, it } from "vitest";
import { afterChange, maxmemoryShown, memoryWarnings } from "./memory-warnings";

const MiB = 1024 * 1024;
const state = { usedBytes: 800 * MiB, maxmemoryBytes: 0, policy: "allkeys-lru" };

describe("memoryWarnings", () => {
  it("names how much is evicted at once below used memory", () => {
    const w = memoryWarnings(state, afterChange(state, "maxmemory", String(500 * MiB)));
    expect(w).toEqual([
      "About 300 MiB will be evicted at once (used 800 MiB, limit 500 MiB, policy allkeys-lru): an eviction storm while Redis catches up.",
    ]);
  });
  it("says volatile policies can only evict keys with a TTL", () => {
    const s = { ...state, policy: "volatile-ttl" };
    expect(memoryWarnings(s, afterChange(s, "maxmemory", String(500 * MiB)))[0]).toContain(
      "Only keys with a TTL can go",
    );
  });
  it("says writes fail with noeviction, under or near the limit", () => {
    const s = { ...state, policy: "noeviction" };
    expect(memoryWarnings(s, afterChange(s, "maxmemory", String(500 * MiB)))[0]).toContain(
      "writes will fail (OOM) until about 300 MiB is freed",
    );
    const limited = { ...state, maxmemoryBytes: 850 * MiB };
    expect(memoryWarnings(limited, afterChange(limited, "maxmemory-policy", "noeviction"))[0]).toBe(
      "Used memory is 94% of the limit (used 800 MiB, limit 850 MiB, policy noeviction): with noeviction, writes will fail (OOM) once the remaining 50 MiB fill up.",
    );
  });
  it("is quiet with room to spare, no limit, or no change", () => {
    expect(memoryWarnings(state, afterChange(state, "maxmemory", String(2000 * MiB)))).toEqual([]);
    expect(memoryWarnings(state, afterChange(state, "maxmemory", "0"))).toEqual([]);
    const limited = { ...state, maxmemoryBytes: 500 * MiB };
    expect(memoryWarnings(limited, limited)).toEqual([]);
    expect(memoryWarnings(limited, afterChange(limited, "maxmemory-samples", "5"))).toEqual([]);
  });
});

describe("maxmemoryShown", () => {
  it("draws the limit only when used memory is within half of it", () => {
    expect(maxmemoryShown(1000 * MiB, [10 * MiB, 12 * MiB, null])).toBe(false);
    expect(maxmemoryShown(1000 * MiB, [400 * MiB, 600 * MiB])).toBe(true);
    expect(maxmemoryShown(0, [600 * MiB])).toBe(false);
  });
});
