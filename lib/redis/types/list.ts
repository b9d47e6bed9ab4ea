import "server-only";
import { randomBytes } from "node:crypto";
import { targetFor } from "../target";
import { readTyped } from "../typed-read";
import { previewAll, readBudgeted, valueCost } from "../value-budget";
import { equal, type TypeModule } from "./module";

/**
 * A window of a list by index (LRANGE offset … offset+count-1): O(offset + count), never the
 * whole list. Items over PREVIEW_BYTES are previewed (`previews`), and a window that passes the
 * byte budget holds fewer than `count` items: the next one starts at offset + items.length.
 */
export async function readList(
  connId: string,
  db: number,
  key: Buffer,
  offset: number,
  count: number,
) {
  const client = await targetFor(connId, db).forKey(key);
  let length = 0;
  let at = offset;
  const page = await readBudgeted(count, valueCost, async (ask) => {
    const [len, items] = (await readTyped(client, key, "list", [
      ["LLEN", key],
      ["LRANGE", key, at, at + ask - 1],
    ])) as [number, Buffer[]];
    length = Number(len);
    at += items.length;
    return { items, more: items.length === ask };
  });
  const { values, previews } = previewAll(page.items);
  return { offset, items: values, length, ...(previews && { previews }) };
}

export const listType: TypeModule<"list", "push" | "lset" | "lrem" | "ltrim"> = {
  read: async ({ connId, db, key }, q) => ({
    type: "list",
    ...(await readList(connId, db, key, q.offset, q.count)),
  }),
  edits: {
    push: (key, e) => ({
      check: null,
      writes: [[e.end === "head" ? "LPUSH" : "RPUSH", key, ...e.values]],
    }),
    // By index alone LSET is not safe: another client may have pushed meanwhile. The element
    // at that index must still be the one the user saw.
    lset: (key, e) => ({
      check: equal(["LINDEX", key, e.index], e.expect),
      writes: [["LSET", key, e.index, e.value]],
    }),
    lrem: (key, e) => {
      // Remove exactly the element at `index`: mark it with a unique value, then remove the mark.
      const mark = Buffer.concat([Buffer.from("\x00keyscope-removed:"), randomBytes(16)]);
      return {
        check: equal(["LINDEX", key, e.index], e.expect),
        writes: [
          ["LSET", key, e.index, mark],
          ["LREM", key, 1, mark],
        ],
      };
    },
    ltrim: (key, e) => ({
      check: null,
      writes: [
        ["LTRIM", key, e.start, e.stop],
        ["LLEN", key],
      ],
    }),
  },
  create: (key, c) => ["RPUSH", key, ...c.values],
};
