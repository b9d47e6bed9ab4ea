// Where the login page sends the browser after a login: `?next=` comes from the address bar, so
// anyone can craft it. Only a path on this origin is kept. Browsers read `/\host` and `/<tab>/host`
// as `//host` (the URL parser turns \ into / and drops tabs and newlines), so a prefix check on
// the raw string is not enough: the string is refused outright if it holds a backslash or a
// control character, then resolved against this origin the way the browser will resolve it, and
// kept only if it stays here and is not itself protocol-relative (`/.//host` resolves to `//host`).

// C0 controls, DEL and C1 controls: none belongs in a path Keyscope links to.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\\]/;

/** `next` as a path+search+hash on `origin`, or "/" when it is anything else. */
export function safeNext(next: string | null, origin: string): string {
  if (!next?.startsWith("/") || UNSAFE.test(next)) return "/";
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(origin).origin) return "/";
  const path = url.pathname + url.search + url.hash;
  return path.startsWith("//") ? "/" : path;
}
