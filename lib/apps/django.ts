import { info, type KeyFacts, type Recogniser, typeIs } from "./common";

// Django's cache keys (django.core.cache.backends.base.default_key_func): `<KEY_PREFIX>:<VERSION>:
// <key>`, the prefix empty by default (`:1:name`). Both Django's RedisCache and django-redis
// store only strings (an int as digits, anything else pickled). What a few of Django's own
// callers put in the cache is named by the key: cache-backed sessions, cache_page's responses
// and header lists, {% cache %} template fragments.
//
// With a non-empty prefix a plain entry (`gz:1:blob`) reads exactly like an app's own
// `user:1:name`, so only the kinds whose names are Django's are claimed there; an empty prefix
// (a key that starts with ":<digits>:") is Django's alone.

const keyRe = /^(.*?):(\d{1,9}):(.+)$/s;
const sessionRe = /^django\.contrib\.sessions\.(cached_db|cache)([a-z0-9]{8,64})$/;
const pageRe =
  /^views\.decorators\.cache\.cache_page\.(.*)\.([A-Z]{3,10})\.([0-9a-f]{32})\.([0-9a-f]{32})((?:\.[^.]+){0,2})$/s;
const headerRe =
  /^views\.decorators\.cache\.cache_header\.(.*)\.([0-9a-f]{32})((?:\.[^.]+){0,2})$/s;
const fragmentRe = /^template\.cache\.(.+)\.([0-9a-f]{32})$/s;

/** cache_page's i18n suffix: `.<language>` when USE_I18N, `.<time zone>` when USE_TZ. */
function localeOf(suffix: string): { lang?: string; tz?: string } {
  const parts = suffix.split(".").filter(Boolean);
  const out: { lang?: string; tz?: string } = {};
  for (const p of parts) {
    if (p.includes("/") || /^(UTC|GMT)/.test(p)) out.tz = p;
    else out.lang = p;
  }
  return out;
}

const forLocale = (l: { lang?: string; tz?: string }) => {
  const bits = [l.lang, l.tz].filter(Boolean);
  return bits.length ? ` for ${bits.join(", ")}` : "";
};
const short = (md5: string) => `${md5.slice(0, 8)}…`;

function recognise(key: KeyFacts) {
  if (!typeIs(key, "string")) return undefined;
  const m = keyRe.exec(key.text);
  if (!m) return undefined;
  const [, prefix = "", v = "", rest = ""] = m;
  const version = Number(v);
  const base = { prefix, version, key: rest };
  const s = sessionRe.exec(rest);
  if (s) {
    const engine = s[1] === "cached_db" ? "cached_db" : "cache";
    return info(
      "django",
      "session",
      `Django session ${s[2]} (${engine} backend): the session's data dict, pickled`,
      { ...base, engine, sessionKey: s[2] as string },
    );
  }
  const p = pageRe.exec(rest);
  if (p) {
    const [, pagePrefix = "", method = "", url = "", headers = "", suffix = ""] = p;
    const locale = localeOf(suffix);
    return info(
      "django",
      "cache_page",
      `Django cache_page: the cached response of ${method} ${short(url)}${forLocale(locale)} (the URL's MD5 is ${url})`,
      { ...base, pagePrefix, method, urlMd5: url, headersMd5: headers, ...locale },
    );
  }
  const h = headerRe.exec(rest);
  if (h) {
    const [, pagePrefix = "", url = "", suffix = ""] = h;
    const locale = localeOf(suffix);
    return info(
      "django",
      "cache_header",
      `Django cache_page: the request headers the cached response of ${short(url)}${forLocale(locale)} varies on`,
      { ...base, pagePrefix, urlMd5: url, ...locale },
    );
  }
  const f = fragmentRe.exec(rest);
  if (f)
    return info(
      "django",
      "template_fragment",
      `Django {% cache %} template fragment "${f[1]}" (its vary_on values hash to ${short(f[2] as string)})`,
      { ...base, fragment: f[1] as string, varyOnMd5: f[2] as string },
    );
  if (prefix !== "") return undefined;
  return info(
    "django",
    "cache",
    `Django cache entry "${rest}" (version ${version}): an integer as digits, anything else pickled`,
    base,
  );
}

export const django: Recogniser = {
  framework: "django",
  maybe: (text) => text.includes(":"),
  recognise,
};
