import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { ApiError } from "@/lib/errors";
import type { ClusterLayout, ClusterNode } from "./cluster-layout";
import { SLOT_COUNT } from "./slot";

// A key walk over a cluster's masters behind one opaque cursor. Every master with slots left is
// walked at once (a page asks each for its share), so the cursor holds one part per master:
// the node's id (never its address or position, which change on failover), its SCAN cursor and a
// fingerprint of the slots it owned when its part began; and the slots whose keys have all been
// handed out. If a node is gone or owns other slots by the next page, its part restarts from 0 on
// whoever owns those slots now, keys of finished slots are dropped (their slot is computed from
// the key's bytes), and the page says so: a key is never lost, and repeats only with that notice.

export type WalkPart = {
  /** Node id of the master this part walks. */
  node: string;
  cursor: string;
  /** `<slot count>.<hash>` of the slots that node owned when the part began (ownedPrint). */
  owned: string;
};

export type ClusterWalk = {
  parts: WalkPart[];
  /** Slots whose keys were all handed out, as "a-b,c". */
  done: string;
};

const PREFIX = "c2.";
const RANGES = /^(?:\d{1,5}(?:-\d{1,5})?(?:,\d{1,5}(?:-\d{1,5})?){0,16383})?$/;
const partSchema = z
  .tuple([
    z.string().regex(/^[0-9a-f]{40}$/),
    z.string().regex(/^\d{1,20}$/),
    z.string().regex(/^\d{1,5}\.[0-9a-f]{16}$/),
  ])
  .transform(([node, cursor, owned]) => ({ node, cursor, owned }));
const walkSchema = z
  .tuple([z.array(partSchema).min(1).max(1000), z.string().max(4000).regex(RANGES)])
  .transform(([parts, done]) => ({ parts, done }));

export function isClusterCursor(text: string | undefined): boolean {
  return text?.startsWith(PREFIX) ?? false;
}

/** The cursor of a walk; "0" once no part is left. */
export function encodeClusterWalk(w: ClusterWalk): string {
  if (w.parts.length === 0) return "0";
  const parts = w.parts.map((p) => [p.node, p.cursor, p.owned]);
  return PREFIX + Buffer.from(JSON.stringify([parts, w.done])).toString("base64url");
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
  const parsed = walkSchema.safeParse(parts);
  if (!parsed.success) throw bad();
  return parsed.data;
}

export function rangesText(ranges: readonly (readonly [number, number])[]): string {
  return ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(",");
}

/** What a part keeps of its node's slots: their number (for progress) and a hash (to compare). */
export function ownedPrint(ranges: readonly (readonly [number, number])[]): string {
  const count = ranges.reduce((n, [a, b]) => n + b - a + 1, 0);
  const hash = createHash("sha256").update(rangesText(ranges)).digest("hex").slice(0, 16);
  return `${count}.${hash}`;
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

/** Whether `master` owns a slot not yet done. */
function hasSlotsLeft(master: ClusterNode, done: Uint8Array): boolean {
  return master.slots.some(([a, b]) => done.subarray(a, b + 1).includes(0));
}

/** The parts of `parts` whose master still owns what it owned when the part began. */
export function validParts(layout: ClusterLayout, parts: WalkPart[]): WalkPart[] {
  return parts.filter((p) => {
    const master = layout.masters.find((m) => m.id === p.node);
    return master !== undefined && ownedPrint(master.slots) === p.owned;
  });
}

/** `parts`, plus a part from 0 for every master with slots left that none of them walks. */
export function withNewParts(layout: ClusterLayout, parts: WalkPart[], done: Uint8Array) {
  const fresh = layout.masters
    .filter((m) => !parts.some((p) => p.node === m.id) && hasSlotsLeft(m, done))
    .map((m) => ({ node: m.id, cursor: "0", owned: ownedPrint(m.slots) }));
  return [...parts, ...fresh];
}

/** 0..1: slots done, plus each part's SCAN progress over the slots it owns. */
export function walkShare(walk: ClusterWalk, within: (cursor: string) => number): number {
  const done = slotSet(walk.done).reduce((a, f) => a + f, 0);
  const partial = walk.parts.reduce(
    (sum, p) => sum + Number(p.owned.split(".")[0]) * Math.min(within(p.cursor), 0.999),
    0,
  );
  return Math.min((done + partial) / SLOT_COUNT, 0.999);
}
