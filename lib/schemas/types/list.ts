import { z } from "zod";
import { bytes, createShape, decodedList, nonEmpty, previews } from "./shared";

export const listValue = z.object({
  type: z.literal("list"),
  offset: z.number(),
  items: z.array(bytes),
  length: z.number(),
  previews,
  decoded: decodedList,
});

export const listEdits = [
  z.strictObject({ op: z.literal("push"), end: z.enum(["head", "tail"]), values: nonEmpty(bytes) }),
  z.strictObject({ op: z.literal("lset"), index: z.number().int(), value: bytes, expect: bytes }),
  z.strictObject({ op: z.literal("lrem"), index: z.number().int(), expect: bytes }),
  z.strictObject({ op: z.literal("ltrim"), start: z.number().int(), stop: z.number().int() }),
] as const;

export const listCreate = z.strictObject({
  type: z.literal("list"),
  ...createShape,
  values: nonEmpty(bytes),
});
