import { z } from "zod";
import { bytes, createShape, decodedList, exact, nonEmpty } from "./shared";

export const setValue = z.object({
  type: z.literal("set"),
  cursor: z.string(),
  members: z.array(bytes),
  length: z.number(),
  exact,
  decoded: decodedList,
});

export const setEdits = [
  z.strictObject({ op: z.literal("sadd"), members: nonEmpty(bytes) }),
  z.strictObject({ op: z.literal("srem"), members: nonEmpty(bytes) }),
] as const;

export const setCreate = z.strictObject({
  type: z.literal("set"),
  ...createShape,
  members: nonEmpty(bytes),
});
