import { formatBytes, formatPercent } from "./format";

// What a maxmemory / maxmemory-policy change will do to a server that already holds data.
// Setting the limit below used memory with an eviction policy evicts the difference at once (an
// eviction storm); with noeviction, writes fail with OOM until memory falls. Client-safe: the
// setting dialog warns before applying and the server repeats it in its answer; neither refuses
// a valid setting.

/** Used memory at or above this share of the limit is "near" it. */
export const NEAR_LIMIT = 0.9;

export type MemoryState = { usedBytes: number; maxmemoryBytes: number; policy: string };

/** The state after one change (a setting's name and its CONFIG SET value). */
export function afterChange(state: MemoryState, name: string, value: string): MemoryState {
  if (name === "maxmemory" && /^\d+$/.test(value))
    return { ...state, maxmemoryBytes: Number(value) };
  if (name === "maxmemory-policy") return { ...state, policy: value };
  return state;
}

/** Warnings, in words with the figures, for moving from `before` to `after`; [] when none. */
export function memoryWarnings(before: MemoryState, after: MemoryState): string[] {
  const { usedBytes: used, maxmemoryBytes: limit, policy } = after;
  const changed = limit !== before.maxmemoryBytes || policy !== before.policy;
  if (!changed || limit === 0) return [];
  const figures = `used ${formatBytes(used)}, limit ${formatBytes(limit)}, policy ${policy}`;
  if (used > limit) {
    const over = formatBytes(used - limit);
    if (policy === "noeviction")
      return [
        `Used memory is above the new limit (${figures}): with noeviction, writes will fail (OOM) until about ${over} is freed.`,
      ];
    const volatile = policy.startsWith("volatile-")
      ? " Only keys with a TTL can go; if they do not free enough, writes fail (OOM)."
      : "";
    return [
      `About ${over} will be evicted at once (${figures}): an eviction storm while Redis catches up.${volatile}`,
    ];
  }
  if (policy === "noeviction" && used >= limit * NEAR_LIMIT)
    return [
      `Used memory is ${formatPercent(used / limit, 0)} of the limit (${figures}): with noeviction, writes will fail (OOM) once the remaining ${formatBytes(limit - used)} fill up.`,
    ];
  return [];
}

// The memory chart draws the maxmemory line once used memory has come within half of it;
// further away the line would squash used memory flat at the bottom (the chart is scaled to
// the data), so the limit is named in the chart's title instead.
const MAXMEMORY_IN_REACH = 0.5;

export function maxmemoryShown(maxmemory: number, used: (number | null)[]): boolean {
  let top = 0;
  for (const v of used) if (v !== null && v > top) top = v;
  return maxmemory > 0 && top >= maxmemory * MAXMEMORY_IN_REACH;
}
