import type { AppInfo } from "@/lib/schemas/apps";
import { bullmq } from "./bullmq";
import { celery } from "./celery";
import type { Recogniser } from "./common";
import { connectRedis } from "./connect-redis";
import { django } from "./django";
import { laravel } from "./laravel";
import { rails } from "./rails";
import { rq } from "./rq";
import { sidekiq } from "./sidekiq";
import { springSession } from "./spring-session";

// The one list of framework recognisers (docs/celery.md, "Framework awareness"). Client-safe
// and cheap: a key is decoded once (strict UTF-8: bytes that are not text are never taken for
// a name), each recogniser's `maybe` is a prefix or substring test, and only those that pass
// run their regexes. The order settles overlaps: the most specific names first.

export const RECOGNISERS: readonly Recogniser[] = [
  celery,
  rq,
  bullmq,
  sidekiq,
  springSession,
  connectRedis,
  laravel,
  rails,
  django,
];

/** Keys longer than this are nobody's framework key (Django's longest, cache_page, is ~200). */
export const APP_KEY_MAX = 1024;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The key's text, or undefined when it is not UTF-8 (or too long to be a framework's key). */
export function keyText(key: Uint8Array): string | undefined {
  if (key.length === 0 || key.length > APP_KEY_MAX) return undefined;
  try {
    return utf8.decode(key);
  } catch {
    return undefined;
  }
}

/** What app a key belongs to, from its bytes and (when known) its Redis type. */
export function recogniseKey(key: Uint8Array, type?: string): AppInfo | undefined {
  const text = keyText(key);
  if (text === undefined) return undefined;
  for (const r of RECOGNISERS) {
    if (!r.maybe(text)) continue;
    const found = r.recognise({ text, type });
    if (found) return found;
  }
  return undefined;
}
