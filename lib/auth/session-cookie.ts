import "server-only";
import { config } from "@/lib/config";
import { SESSION_COOKIE } from "./secrets";

/**
 * What the trusted proxies say of the client's scheme. Each proxy appends the scheme it was
 * reached by, so with N of them the outermost one's is the N-th entry from the right (entries
 * to its left are whatever the client wrote), as for X-Forwarded-For (scripts/lib/
 * client-address.mjs). Without a trusted proxy the header is the client's word, and ignored.
 */
function forwardedProto(req: Request): string | undefined {
  const hops = config().server.trustProxyHops;
  const header = req.headers.get("x-forwarded-proto");
  if (hops === 0 || header === null) return undefined;
  const entries = header.split(",").map((e) => e.trim().toLowerCase());
  return entries[Math.max(0, entries.length - hops)];
}

/** Secure only over HTTPS: directly, or as a trusted proxy (KEYSCOPE_TRUST_PROXY) says. */
function isHttps(req: Request): boolean {
  return new URL(req.url).protocol === "https:" || forwardedProto(req) === "https";
}

export function sessionCookie(req: Request, token: string, maxAgeSeconds: number): string {
  const parts = [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Strict",
    `Max-Age=${maxAgeSeconds}`,
  ];
  if (isHttps(req)) parts.push("Secure");
  return parts.join("; ");
}

export function clearedCookie(req: Request): string {
  return sessionCookie(req, "", 0);
}
