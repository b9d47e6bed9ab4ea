import { info, type KeyFacts, type Recogniser, typeIs } from "./common";

// Rails (wave2.md B.5). Rails.cache keys are `<namespace>:<key>` with any key, so a plain entry
// cannot be told from an app's own key; what is claimed is what Rails names: the session
// store's `_session_id:2::<sha256 of the id>` (ActionDispatch::Session::CacheStore, Rails 6+),
// redis-session-store's `session:<32 hex>`, and fragment caches (`views/…`). Values: Ruby
// Marshal of an ActiveSupport::Cache::Entry, zlib-compressed above 1 KiB.

const sessionRe = /^(?:(.+):)?_session_id:(2::[0-9a-f]{64})$/s;
const storeRe = /^session:([0-9a-f]{32})$/;
const viewsRe = /^(?:(.+):)?views\/(.+)$/s;

function recognise(key: KeyFacts) {
  if (!typeIs(key, "string")) return undefined;
  const t = key.text;
  const s = sessionRe.exec(t);
  if (s)
    return info(
      "rails",
      "session",
      "Rails session (the cache store): the session hash, Marshal-dumped in a cache entry",
      {
        ...(s[1] && { namespace: s[1] }),
        privateId: s[2] as string,
      },
    );
  const r = storeRe.exec(t);
  if (r)
    return info(
      "rails",
      "session",
      `Rails session ${r[1]} (redis-session-store): the session hash, Marshal-dumped`,
      {
        sessionId: r[1] as string,
      },
    );
  const v = viewsRe.exec(t);
  if (v && !(v[1] ?? "").includes("/"))
    return info(
      "rails",
      "fragment",
      `Rails fragment cache of views/${v[2]}: rendered HTML in a cache entry`,
      {
        ...(v[1] && { namespace: v[1] }),
        fragment: v[2] as string,
      },
    );
  return undefined;
}

export const rails: Recogniser = {
  framework: "rails",
  maybe: (t) => t.includes("_session_id:") || t.startsWith("session:") || t.includes("views/"),
  recognise,
};
