import { z } from "zod";

export const health = z.object({ ok: z.literal(true), version: z.string() });
export const okResult = z.object({ ok: z.literal(true) });

/** GET /api/openapi.json: checked only at the top; lib/api/openapi.ts builds the rest. */
export const openApiDoc = z.looseObject({
  openapi: z.literal("3.1.0"),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});

export const connectionSummary = z.object({
  id: z.string(),
  name: z.string(),
  mode: z.enum(["standalone", "cluster", "sentinel"]),
  readOnly: z.boolean(),
  production: z.boolean(),
});
export const connectionList = z.object({ connections: z.array(connectionSummary) });
export type ConnectionSummary = z.infer<typeof connectionSummary>;

export const databaseList = z.object({
  databases: z.array(
    z.object({ db: z.number(), keys: z.number(), expires: z.number(), avgTtlMs: z.number() }),
  ),
});

export const connectionParams = z.object({ conn: z.string().min(1).max(64) });
export const dbParams = z.object({
  conn: z.string().min(1).max(64),
  db: z
    .string()
    .regex(/^\d{1,5}$/, "db must be a database index")
    .transform(Number),
});

/**
 * GET /api/connections/{conn}/status: the background probe's last word on the connection's
 * Redis (lib/redis/probe.ts). Times are Unix seconds; `checkedAt` and `latencyMs` are null
 * until a probe has finished.
 */
export const connectionStatus = z.object({
  state: z.enum(["ok", "down", "hung", "unknown"]),
  checkedAt: z.number().nullable(),
  latencyMs: z.number().nullable(),
  error: z.string().optional(),
  /** When this state began (for "unknown": when the probe started). */
  since: z.number(),
});
export type ConnectionStatus = z.infer<typeof connectionStatus>;
