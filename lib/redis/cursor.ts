import "server-only";
import { ApiError } from "@/lib/errors";

// Cursors are opaque to callers. Inside, a cursor names the node being walked and that node's
// own SCAN cursor, so a walk can span the masters of a cluster. A standalone server is node 0,
// whose cursors are plain Redis cursors; "0" is both the start and the end of a walk.

export type NodeCursor = { node: number; cursor: string };

export const START: NodeCursor = { node: 0, cursor: "0" };

export function encodeCursor(c: NodeCursor | null): string {
  if (c === null) return "0";
  return c.node === 0 ? c.cursor : `${c.node}.${c.cursor}`;
}

export function decodeCursor(text: string | undefined): NodeCursor {
  if (text === undefined || text === "" || text === "0") return START;
  const m = /^(?:(\d{1,4})\.)?(\d{1,20})$/.exec(text);
  if (!m)
    throw new ApiError("BAD_REQUEST", `cursor "${text}" is not a cursor this server gave out.`);
  return { node: m[1] ? Number(m[1]) : 0, cursor: m[2] as string };
}

/** The cursor after one node answered `next`; null once the last node is done. */
export function advance(at: NodeCursor, next: string, nodeCount: number): NodeCursor | null {
  if (next !== "0") return { node: at.node, cursor: next };
  return at.node + 1 < nodeCount ? { node: at.node + 1, cursor: "0" } : null;
}
