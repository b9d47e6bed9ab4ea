import "server-only";

// Redis Cluster's key → slot mapping from the key's bytes: defined once in
// scripts/lib/key-slot.mjs (the demo's seeder uses it too), plus the grouping of multi-key batches.
import { keySlot } from "@/scripts/lib/key-slot.mjs";

export { hashTag, keySlot, SLOT_COUNT } from "@/scripts/lib/key-slot.mjs";

/**
 * Splits keys into groups that share a slot, keeping each key's position in the input. A
 * command that takes several keys (UNLINK, MGET…) must only get keys of one slot on a cluster
 * (CROSSSLOT otherwise), so multi-key batches are always sent one group at a time.
 */
export function groupBySlot(keys: readonly Buffer[]): { slot: number; indexes: number[] }[] {
  const groups = new Map<number, number[]>();
  keys.forEach((key, i) => {
    const slot = keySlot(key);
    const group = groups.get(slot);
    if (group) group.push(i);
    else groups.set(slot, [i]);
  });
  return [...groups].map(([slot, indexes]) => ({ slot, indexes }));
}
