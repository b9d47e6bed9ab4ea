import { z } from "zod";
import { bytes, createShape, decodedList, nonEmpty, previews } from "./shared";

const streamId = z
  .string()
  .regex(/^\d{1,20}-\d{1,20}$/, "must be a stream entry ID such as 1700000000000-0");

export const streamEntry = z.object({
  id: z.string(),
  fields: z.array(z.tuple([bytes, bytes])),
  /** Field values cut to a preview: `index` is the field's position in `fields`. */
  previews,
  /** With `decode=`: parallel to `fields`, each field value's decoding. */
  decoded: decodedList,
});
export const streamValue = z.object({
  type: z.literal("stream"),
  entries: z.array(streamEntry),
  length: z.number(),
  /** Where the next page starts (exclusive), or null at the end. */
  next: z.string().nullable(),
});

export const streamEdits = [
  z.strictObject({
    op: z.literal("xadd"),
    fields: nonEmpty(z.tuple([bytes, bytes]), 1000),
    id: z.union([streamId, z.literal("*")]).optional(),
  }),
  z.strictObject({ op: z.literal("xdel"), ids: nonEmpty(streamId, 1000) }),
  z.strictObject({
    op: z.literal("xgroup-create"),
    group: bytes,
    id: z.union([streamId, z.enum(["$", "0"])]).default("$"),
  }),
  z.strictObject({ op: z.literal("xgroup-destroy"), group: bytes }),
  z.strictObject({ op: z.literal("xack"), group: bytes, ids: nonEmpty(streamId, 1000) }),
] as const;

export const streamCreate = z.strictObject({
  type: z.literal("stream"),
  ...createShape,
  fields: nonEmpty(z.tuple([bytes, bytes]), 1000),
});

// GET …/key/stream/groups
export const streamGroups = z.object({
  groups: z.array(
    z.object({
      name: bytes,
      consumers: z.array(z.object({ name: bytes, pending: z.number(), idleMs: z.number() })),
      pending: z.number(),
      lastDeliveredId: z.string(),
      lag: z.number().nullable(),
      /** The oldest pending entries (XPENDING … 100). */
      pendingEntries: z.array(
        z.object({
          id: z.string(),
          consumer: bytes,
          idleMs: z.number(),
          deliveries: z.number(),
        }),
      ),
    }),
  ),
});
