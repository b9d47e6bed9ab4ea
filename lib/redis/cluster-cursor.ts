import "server-only";
import { z } from "zod";
import { ApiError } from "@/lib/errors";
import type { ClusterLayout, ClusterNode } from "./cluster-layout";
import { SLOT_COUNT } from "./slot";

// A key walk over a cluster's masters behind one opaque cursor. It names the master being walked
// by node id (never by address or position, which change on failover), that node's SCAN cursor,
// the slots the node owned when its walk began, and the slots whose keys have all been handed out.
// If the node is gone or owns other slots by the next page, its part restarts from 0 on whoever
// owns those slots now, keys of finished slots are dropped (their slot is computed from the key's
// bytes), and the page says so: a key is never lost, and repeats only with that notice.

export type ClusterWalk = {
  /** Node id of the master being walked. */
  node: string;
  cursor: string;
  /** The slots that node owned when its walk began, as "a-b,c". */
  owned: string;
  /** Slots whose keys were all handed out, as "a-b,c". */
  done: string;
};

const PREFIX = "c1.";
const RANGES = /^(?:\d{1,5}(?:-\d{1,5})?(?:,\d{1,5}(?:-\d{1,5})?){0,16383})?$/;
const walkSchema = z.strictObject({
  node: z.string().regex(/^[0-9a-f]{40}$/),
  cursor: z.string().regex(/^\d{1,20}$/),
  owned: z.string().max(100_000).regex(RANGES),
  done: z.string().max(100_000).regex(RANGES),
});

export function isClusterCursor(text: string | undefined): boolean {
  return text?.startsWith(PREFIX) ?? false;
}

export function encodeClusterWalk(w: ClusterWalk | null): string {
  if (w === null) return "0";
  return (
    PREFIX + Buffer.from(JSON.stringify([w.node, w.cursor, w.owned, w.done])).toString("base64url")
  );
}

/** The walk a cursor names; "0" or absent: the start. A cursor this server did not give out is 400. */
export function decodeClusterWalk(text: string | undefined): ClusterWalk | null {
  if (text === undefined || text === "" || text === "0") return null;
  const bad = () =>
    new ApiError(
      "BAD_REQUEST",
      `cursor "${text.slice(0, 80)}" is not a cursor this server gave out.`,
    );
  if (!text.startsWith(PREFIX)) throw bad();
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(text.slice(PREFIX.length), "base64url").toString("utf8"));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parts) || parts.length !== 4) throw bad();
  const [node, cursor, owned, done] = parts;
  const parsed = walkSchema.safeParse({ node, cursor, owned, done });
  if (!parsed.success) throw bad();
  return parsed.data;
}

export function rangesText(ranges: readonly (readonly [number, number])[]): string {
  return ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(",");
}

/** Slot ranges text → one flag per slot. */
export function slotSet(text: string): Uint8Array {
  const set = new Uint8Array(SLOT_COUNT);
  if (!text) return set;
  for (const part of text.split(",")) {
    const [a, b] = part.split("-").map(Number) as [number, number | undefined];
    const end = Math.min(b ?? a, SLOT_COUNT - 1);
    if (a <= end) set.fill(1, a, end + 1);
  }
  return set;
}

/** One flag per slot → ranges text. */
export function setText(set: Uint8Array): string {
  const ranges: [number, number][] = [];
  for (let i = 0; i < SLOT_COUNT; i++) {
    if (!set[i]) continue;
    let j = i;
    while (j + 1 < SLOT_COUNT && set[j + 1]) j++;
    ranges.push([i, j]);
    i = j;
  }
  return rangesText(ranges);
}

/** The first master (in layout order) that owns a slot not yet done. */
export function nextMaster(layout: ClusterLayout, done: Uint8Array): ClusterNode | undefined {
  return layout.masters.find((m) => m.slots.some(([a, b]) => done.subarray(a, b + 1).includes(0)));
}

/** How many slots are done: the walk's progress. */
export function doneShare(walk: ClusterWalk): number {
  const set = slotSet(walk.done);
  let n = 0;
  for (const f of set) n += f;
  return n / SLOT_COUNT;
}
