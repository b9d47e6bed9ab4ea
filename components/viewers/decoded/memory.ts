import { z } from "zod";
import type { JsonBytes } from "@/lib/bytes";
import type { AppInfo } from "@/lib/schemas/apps";
import {
  COMPRESSIONS,
  type Compression,
  DECODE_FORMATS,
  type DecodeFormat,
} from "@/lib/schemas/decode";

// How a value is decoded, and the memory of a user's choice per key pattern. A user who forces
// `zlib → pickle` on one Django cache entry means "entries like this one": the choice is saved
// under a pattern made from the key (its id part replaced by `*`) and applied to every key the
// pattern matches, per connection, in localStorage. Client-safe and pure but for `storage`.

/** A forced chain: a format, and the compression peeled off first (none when absent). */
export type ForcedChain = { compression?: Compression; format: DecodeFormat };
export type DecodeChoice = "auto" | ForcedChain;

/** The `decode=` parameter of a value read for a choice. */
export function decodeParamOf(choice: DecodeChoice): string {
  if (choice === "auto") return "1";
  return choice.compression ? `${choice.compression},${choice.format}` : choice.format;
}

export function sameChoice(a: DecodeChoice, b: DecodeChoice): boolean {
  return decodeParamOf(a) === decodeParamOf(b);
}

// ---- Patterns --------------------------------------------------------------------------------
// A pattern is a glob of literal text and `*` (any run of characters); a literal `*` or `\` is
// escaped with `\`. Keys that are not UTF-8 get no pattern: their choice is kept for that key
// only (EXACT_PREFIX + the key's base64), as a glob over invented text would match by accident.

export const EXACT_PREFIX = "=b64:";

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * An id-like token: a long number, hex of 8+ with a digit (hashes, uuid parts), or a random
 * token of 16+ letters and digits (session keys, sids). Short numbers (1, 2, 42) are not: in
 * the middle of a key they are versions and db numbers (`:1:`), which a user means literally.
 */
export function isIdToken(token: string): boolean {
  if (/^\d{3,}$/.test(token)) return true;
  if (/^[0-9a-f]{8,}$/i.test(token) && /\d/.test(token)) return true;
  return (
    token.length >= 16 &&
    /^[A-Za-z0-9_-]+$/.test(token) &&
    /\d/.test(token) &&
    /[A-Za-z]/.test(token)
  );
}

// Prefixes apps append an id to without a separator (Django's session cache backends:
// django.contrib.sessions.backends.cache / cached_db, KEY_PREFIX + session_key). Longest first.
const RUN_ON_PREFIXES = ["django.contrib.sessions.cached_db", "django.contrib.sessions.cache"];

const escapeGlob = (s: string) => s.replace(/[\\*]/g, (c) => `\\${c}`);

/** Where in `segment` (one `:`-separated part) a variable part starts, or -1. */
function variableStart(segment: string, whole: boolean): number {
  for (const p of RUN_ON_PREFIXES)
    if (segment.startsWith(p) && segment.length > p.length) return p.length;
  const uuid = UUID.exec(segment);
  let at = uuid ? uuid.index : -1;
  // Sub-tokens split on . - _ / and spaces: `views.decorators.cache.cache_page..GET.<md5>.…`.
  const re = /[^.\-_/ ]+/g;
  for (let m = re.exec(segment); m; m = re.exec(segment)) {
    if (at >= 0 && m.index >= at) break;
    if (isIdToken(m[0])) {
      at = m.index;
      break;
    }
  }
  // A number that is a whole last segment is an id whatever its length (`profile:7`).
  if (at < 0 && whole && /^\d+$/.test(segment)) return 0;
  return at;
}

/** Id-like parts the key's app named (a task id, a session key), as positions in the key. */
function appIdStart(key: string, app: AppInfo | undefined): number {
  if (!app) return -1;
  let best = -1;
  for (const [name, value] of Object.entries(app)) {
    if (name === "framework" || name === "kind" || name === "about" || typeof value !== "string")
      continue;
    // An id is one token (not `key: "django.contrib.sessions.cache…"`, the key's whole rest):
    // id-like itself, or named so (`sessionKey`, `taskId`).
    if (!/^[A-Za-z0-9_-]{6,}$/.test(value)) continue;
    if (!isIdToken(value) && !/.(id|Id|ID|key|Key)$/.test(name)) continue;
    const at = key.lastIndexOf(value);
    if (at > 0 && (best < 0 || at < best)) best = at;
  }
  return best;
}

/**
 * The pattern of keys "like" `key`: its first id-like part and what follows become `*`, except
 * that `:`-segments after a whole-segment id are kept (`user:123:profile` → `user:*:profile`).
 * A key with no id-like part keeps its namespace up to the last `:` (`:1:counter` → `:1:*`);
 * a key with neither is its own pattern. `app` (GET …/key) may name the id part.
 */
export function patternOf(key: JsonBytes, app?: AppInfo): string {
  if (typeof key !== "string") return EXACT_PREFIX + key.b64;
  const fromApp = appIdStart(key, app);
  const segments = key.split(":");
  const out: string[] = [];
  let offset = 0;
  let wild = false;
  for (const [i, segment] of segments.entries()) {
    const last = i === segments.length - 1;
    const hinted = fromApp >= offset && fromApp < offset + segment.length + 1;
    const at = hinted ? fromApp - offset : variableStart(segment, last && i > 0);
    offset += segment.length + 1;
    if (at === 0) {
      out.push("*");
      wild = true;
      continue;
    }
    if (at > 0) {
      out.push(`${escapeGlob(segment.slice(0, at))}*`);
      return out.join(":");
    }
    out.push(escapeGlob(segment));
  }
  if (wild) return out.join(":");
  if (segments.length < 2) return escapeGlob(key);
  return `${escapeGlob(segments.slice(0, -1).join(":"))}:*`;
}

/** The literal parts of a pattern, between its wildcards. */
function literals(pattern: string): string[] {
  const parts: string[] = [];
  let part = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "\\" && i + 1 < pattern.length) part += pattern[++i];
    else if (c === "*") {
      parts.push(part);
      part = "";
    } else part += c;
  }
  parts.push(part);
  return parts;
}

export function patternMatches(pattern: string, key: JsonBytes): boolean {
  if (pattern.startsWith(EXACT_PREFIX))
    return typeof key !== "string" && pattern === EXACT_PREFIX + key.b64;
  if (typeof key !== "string") return false;
  const parts = literals(pattern);
  if (parts.length === 1) return key === parts[0];
  const first = parts[0] as string;
  const lastPart = parts[parts.length - 1] as string;
  if (!key.startsWith(first) || key.length < first.length + lastPart.length) return false;
  if (!key.endsWith(lastPart)) return false;
  let at = first.length;
  const end = key.length - lastPart.length;
  for (const part of parts.slice(1, -1)) {
    const found = key.indexOf(part, at);
    if (found < 0 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

/** How specific a pattern is: the characters it fixes (a longer literal wins a tie of matches). */
const specificity = (pattern: string) => literals(pattern).join("").length;

// ---- Rules and their storage ---------------------------------------------------------------

export const rule = z.object({
  pattern: z.string().max(4096),
  choice: z.object({
    compression: z.enum(COMPRESSIONS).optional(),
    format: z.enum(DECODE_FORMATS),
  }),
  /** When it was saved (ms): the newest of equally specific rules wins; the oldest go first. */
  at: z.number(),
});
export type Rule = z.infer<typeof rule>;

/** Rules kept per connection: beyond, the oldest are forgotten (one small localStorage entry). */
export const MAX_RULES = 200;
export const STORAGE_PREFIX = "keyscope:decode:";
export const storageKey = (conn: string) => `${STORAGE_PREFIX}${conn}`;

/** The rule that applies to `key`: the most specific match, then the newest. */
export function ruleFor(rules: readonly Rule[], key: JsonBytes): Rule | undefined {
  let best: Rule | undefined;
  for (const r of rules) {
    if (!patternMatches(r.pattern, key)) continue;
    if (
      !best ||
      specificity(r.pattern) > specificity(best.pattern) ||
      (specificity(r.pattern) === specificity(best.pattern) && r.at > best.at)
    )
      best = r;
  }
  return best;
}

/** `rules` with `choice` saved under `pattern` (replacing that pattern's rule), within MAX_RULES. */
export function remember(
  rules: readonly Rule[],
  pattern: string,
  choice: ForcedChain,
  now: number,
): Rule[] {
  const next = [...rules.filter((r) => r.pattern !== pattern), { pattern, choice, at: now }];
  next.sort((a, b) => a.at - b.at);
  return next.slice(-MAX_RULES);
}

export function forget(rules: readonly Rule[], pattern: string): Rule[] {
  return rules.filter((r) => r.pattern !== pattern);
}

/** Stored rules, or none when the entry is missing or not ours (never throws). */
export function parseRules(raw: string | null): Rule[] {
  if (!raw) return [];
  try {
    const parsed = z.object({ v: z.literal(1), rules: z.array(rule) }).safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data.rules.slice(-MAX_RULES) : [];
  } catch {
    return [];
  }
}

export function serializeRules(rules: readonly Rule[]): string {
  return JSON.stringify({ v: 1, rules });
}

/** What a key is decoded as: its rule's chain, or detection. */
export function choiceFor(rules: readonly Rule[], key: JsonBytes): DecodeChoice {
  return ruleFor(rules, key)?.choice ?? "auto";
}
