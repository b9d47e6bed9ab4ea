import type { AppFramework, AppInfo } from "@/lib/schemas/apps";

// What every recogniser (lib/apps/<framework>.ts) is given and returns. Client-safe and pure:
// it runs for every key a page shows, so it looks at the key's name (and its type when known)
// only, never at Redis.

/** A key as the recognisers see it: its text (valid UTF-8 only) and its type when known. */
export type KeyFacts = {
  /** The key's bytes, decoded strictly: a key that is not UTF-8 never reaches a recogniser. */
  readonly text: string;
  /** The Redis type (TYPE), when the caller knows it; a recogniser that needs it says no without. */
  readonly type?: string;
};

export type Recogniser = {
  readonly framework: AppFramework;
  /** A cheap first test on the text (a prefix or a character), before the recogniser's regexes. */
  readonly maybe: (text: string) => boolean;
  readonly recognise: (key: KeyFacts) => AppInfo | undefined;
};

/** Parts of an AppInfo beyond framework, kind and about. */
export type Parts = Record<string, string | number | boolean>;

export function info(
  framework: AppFramework,
  kind: string,
  about: string,
  parts: Parts = {},
): AppInfo {
  return { ...parts, framework, kind, about };
}

/** True when the type is unknown or one of `types`; a type-bound name needs it known. */
export const typeIs = (key: KeyFacts, ...types: string[]): boolean =>
  key.type === undefined || types.includes(key.type);
/** True only when the type is known and one of `types` (names too generic to claim without). */
export const typeKnownAs = (key: KeyFacts, ...types: string[]): boolean =>
  key.type !== undefined && types.includes(key.type);

export const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const uuidRe = new RegExp(`^${UUID}$`, "i");
export const isUuid = (s: string): boolean => uuidRe.test(s);

/** A name for a person: control characters (Celery's \x06\x16 separator) as escapes. */
export function shown(s: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    out += c < 0x20 || c === 0x7f ? `\\x${c.toString(16).padStart(2, "0")}` : ch;
  }
  return out;
}
