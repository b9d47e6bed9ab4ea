import "server-only";
import { cursorProgress } from "./bulk";
import { decodeClusterWalk, isClusterCursor, walkShare } from "./cluster-cursor";
import { decodeCursor } from "./cursor";
import { targetFor } from "./target";

// How much of the keyspace a walk has passed, from the cursor it handed out: SCAN walks the
// hash table's buckets in reverse-bit order, so the reversed cursor is the fraction of buckets
// done (the bulk jobs' progress uses the same estimate). A cluster's walk counts the slots done
// and, for each master being walked, its share of the slots times its own SCAN progress. Rehashing may make it jump a little; it never says
// "done" before the walk is.

/** 0..1: the share of the keyspace behind `cursor` ("0" after a page: the walk is complete). */
export async function walkProgress(connId: string, db: number, cursor: string): Promise<number> {
  if (cursor === "0") return 1;
  if (isClusterCursor(cursor)) {
    const walk = decodeClusterWalk(cursor);
    return walk ? walkShare(walk, cursorProgress) : 0;
  }
  const nodes = (await targetFor(connId, db).masters()).length || 1;
  const at = decodeCursor(cursor);
  const within = Math.min(cursorProgress(at.cursor), 0.999);
  return Math.min((at.node + within) / nodes, 0.999);
}
