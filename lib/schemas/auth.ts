import { z } from "zod";

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
