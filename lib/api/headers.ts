import "server-only";

// Security headers of every API answer. proxy.ts sets them for pages but does not run for
// /api (it would buffer request bodies before the guard runs: docs/security.md), so the route
// wrapper sets these. An API answer is JSON or a download, never a document: nothing in it may
// load, run or be framed.
export const API_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ["content-security-policy", "default-src 'none'; frame-ancestors 'none'"],
  ["x-content-type-options", "nosniff"],
  ["referrer-policy", "no-referrer"],
  ["x-frame-options", "DENY"],
];

export function withApiHeaders(res: Response): Response {
  for (const [name, value] of API_HEADERS) res.headers.set(name, value);
  return res;
}
