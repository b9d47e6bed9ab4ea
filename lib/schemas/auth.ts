import { z } from "zod";
import { jsonBytesWire } from "./bytes";

export const loginBody = z.strictObject({
  password: z.string().min(1, "password is required").max(4096),
});
export const loginResult = z.object({ ok: z.literal(true), expires: z.number() });
export const sessionStatus = z.object({
  authRequired: z.boolean(),
  passwordLogin: z.boolean(),
  authenticated: z.boolean(),
  readOnly: z.boolean(),
});

export const auditQuery = z.strictObject({
  limit: z
    .string()
    .regex(/^\d{1,4}$/, "limit must be a whole number up to 9999")
    .transform(Number)
    .optional(),
  q: z.string().max(200).optional(),
  conn: z.string().max(64).optional(),
});
export const auditList = z.object({
  entries: z.array(
    z.object({
      time: z.string(),
      client: z.string(),
      conn: z.string().nullable(),
      db: z.number().nullable(),
      action: z.string(),
      // The log stores keys in their JSON form already; they are shown, never sent to Redis.
      keys: z.array(jsonBytesWire).optional(),
      detail: z.record(z.string(), z.unknown()).optional(),
      result: z.object({ status: z.number(), code: z.string().optional() }),
    }),
  ),
  truncated: z.boolean(),
});
