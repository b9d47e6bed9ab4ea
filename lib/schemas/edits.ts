import { z } from "zod";
import { hashCreate, hashEdits } from "./types/hash";
import { listCreate, listEdits } from "./types/list";
import { setCreate, setEdits } from "./types/set";
import { streamCreate, streamEdits } from "./types/stream";
import { stringCreate, stringEdits } from "./types/string";
import { zsetCreate, zsetEdits } from "./types/zset";

// POST …/key/edit: every change to a value's contents, as one operation per request.
// `expect` names what the client saw: if Redis holds something else now, the edit is refused
// with 409 CONFLICT and nothing changes. `expect: null` means "must not exist yet".
// Each type lists its operations in ./types/<type>.ts.
export const editBody = z.discriminatedUnion("op", [
  ...stringEdits,
  ...hashEdits,
  ...listEdits,
  ...setEdits,
  ...zsetEdits,
  ...streamEdits,
]);
export type EditBody = z.infer<typeof editBody>;

export const editResult = z.object({
  ok: z.literal(true),
  /** The list's length after push; the new score after zincrby; the new ID after xadd; counts otherwise. */
  result: z.union([z.number(), z.string(), z.null()]),
});

// POST …/keys: create a key of any creatable type (lib/redis-types.ts); 409 CONFLICT when it exists.
export const createBody = z.discriminatedUnion("type", [
  stringCreate,
  hashCreate,
  listCreate,
  setCreate,
  zsetCreate,
  streamCreate,
]);
export type CreateBody = z.infer<typeof createBody>;
export const createResult = z.object({ created: z.literal(true) });
