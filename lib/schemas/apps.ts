import { z } from "zod";

// The apps a key belongs to (GET …/key adds `app`; docs/decoders.md "Framework awareness").
// One registry of framework names; lib/apps holds the recognisers.

export const APP_FRAMEWORKS = [
  "django",
  "celery",
  "sidekiq",
  "bullmq",
  "rq",
  "rails",
  "laravel",
  "connect-redis",
  "spring-session",
] as const;
export type AppFramework = (typeof APP_FRAMEWORKS)[number];

/**
 * What a key is in its app: `framework`, `kind` (cache, session, cache_page, queue, result, …),
 * `about` (one sentence a person reads), then the named parts of the key (prefix, version,
 * queue, task id…) as further fields.
 */
export const appInfo = z
  .object({
    framework: z.enum(APP_FRAMEWORKS),
    kind: z.string(),
    about: z.string(),
  })
  .catchall(z.union([z.string(), z.number(), z.boolean()]));
export type AppInfo = z.infer<typeof appInfo>;
