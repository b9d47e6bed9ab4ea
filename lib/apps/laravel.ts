import { info, type KeyFacts, type Recogniser, typeIs } from "./common";

// Laravel (wave2.md B.5): the Redis connection's prefix `<app>_database_` (REDIS_PREFIX, the
// app name slugged) before everything, then the cache's `<app>_cache_:<key>` (CACHE_PREFIX) or
// the queues' `queues:<name>` (list; `:delayed` and `:reserved` zsets; `:notify` list).
// Values: PHP serialize() unless numeric; sessions through the cache are serialized twice.

const keyRe = /^([a-z0-9_]*_database_)(.*)$/s;
const cacheRe = /^([a-z0-9_]*_cache_?):(.+)$/s;
const queueRe = /^queues:([^:]+)(?::(delayed|reserved|notify))?$/;
const sessionIdRe = /^[A-Za-z0-9]{40}$/;

const QUEUE_PARTS = {
  delayed: ["zset", "jobs delayed until a time (the score)"],
  reserved: ["zset", "jobs a worker has reserved, scored by when they time out"],
  notify: ["list", "wake-up tokens for blocking workers"],
} as const;

function recognise(key: KeyFacts) {
  const m = keyRe.exec(key.text);
  if (!m) return undefined;
  const [, prefix = "", rest = ""] = m;
  const c = cacheRe.exec(rest);
  if (c && typeIs(key, "string")) {
    const [, cachePrefix = "", name = ""] = c;
    if (sessionIdRe.test(name))
      return info(
        "laravel",
        "session",
        `Laravel session ${name} (redis driver, through the cache): the session array, serialized twice`,
        {
          prefix,
          cachePrefix,
          sessionId: name,
        },
      );
    return info(
      "laravel",
      "cache",
      `Laravel cache entry "${name}": PHP serialize() unless numeric`,
      {
        prefix,
        cachePrefix,
        key: name,
      },
    );
  }
  const q = queueRe.exec(rest);
  if (q) {
    const [, queue = "", part] = q;
    if (part === undefined) {
      if (!typeIs(key, "list")) return undefined;
      return info(
        "laravel",
        "queue",
        `Laravel queue "${queue}": job JSON (the command PHP-serialized inside)`,
        { prefix, queue },
      );
    }
    const [type, about] = QUEUE_PARTS[part as keyof typeof QUEUE_PARTS];
    if (!typeIs(key, type)) return undefined;
    return info("laravel", `queue_${part}`, `Laravel queue "${queue}": ${about}`, {
      prefix,
      queue,
    });
  }
  return undefined;
}

export const laravel: Recogniser = {
  framework: "laravel",
  maybe: (t) => t.includes("_database_"),
  recognise,
};
