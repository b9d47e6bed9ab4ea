import { z } from "zod";

// RedisJSON (module type ReJSON-RL): read only.
export const jsonValue = z.object({
  type: z.literal("ReJSON-RL"),
  /** The document as JSON text; when `truncated`, only its start (see lib/redis/types/json.ts). */
  json: z.string().nullable(),
  truncated: z.boolean(),
  memoryBytes: z.number().nullable(),
});
