import { base64ToBytes, bytesToBase64 } from "@/lib/bytes";
import type { DNode } from "./node";

// The node budget bounds how many nodes a tree has, not how big one is: a 16 MiB string inside
// a JSON or msgpack value is one node. Before a tree is sent, its strings and bytes share a
// character budget (four times the rendering's cap: what a person can read, with room for a
// tree view of many short values); past it each is cut, ending in "…" (bytes keep their real
// `len` and only the shown part in `b64`). Iterative, so a deep tree cannot overflow the stack.

/** Cuts the tree's strings and bytes in place to `maxChars` in all; true when one was cut. */
export function capScalars(tree: DNode, maxChars: number): boolean {
  let left = maxChars;
  let cut = false;
  const stack: DNode[] = [tree];
  while (stack.length > 0) {
    const n = stack.pop() as DNode;
    switch (n.k) {
      case "str":
        if (n.v.length > left) {
          n.v = `${n.v.slice(0, left)}…`;
          cut = true;
        }
        left = Math.max(0, left - n.v.length);
        break;
      case "bytes": {
        // base64 is 4 characters per 3 bytes.
        const room = Math.floor((left * 3) / 4);
        if (n.b64.length > left) {
          n.b64 = bytesToBase64(base64ToBytes(n.b64).subarray(0, room));
          cut = true;
        }
        left = Math.max(0, left - n.b64.length);
        break;
      }
      case "list":
        for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i] as DNode);
        break;
      case "map":
        for (let i = n.entries.length - 1; i >= 0; i--) {
          const [key, value] = n.entries[i] as [DNode, DNode];
          stack.push(value, key);
        }
        break;
      case "object":
        for (const [, value] of n.fields ?? []) stack.push(value);
        for (const a of n.args ?? []) stack.push(a);
        if (n.repr && n.repr.length > left) {
          n.repr = `${n.repr.slice(0, left)}…`;
          cut = true;
        }
        left = Math.max(0, left - (n.repr?.length ?? 0));
        break;
      default:
        break;
    }
  }
  return cut;
}
