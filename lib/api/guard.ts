import "server-only";
import { hostRefusal, isAllowedHost } from "@/lib/allowed-hosts";
import { readCookie, SESSION_COOKIE, sameSecret, verifySession } from "@/lib/auth/secrets";
import { authRequired, authSettings } from "@/lib/auth/settings";
import { config } from "@/lib/config";
import { ApiError } from "@/lib/errors";
import { connectionConfig } from "@/lib/redis/client";

// The one gate every API request passes through (lib/api/route.ts calls it before any
// handler): the Host, auth, then the connection, then — for writes — cross-site and read-only
// checks.
// Whether a request writes is decided by its method, not by a flag a route could forget: any
// method other than GET and HEAD is a write.

export function isWrite(method: string): boolean {
  return method !== "GET" && method !== "HEAD";
}

/**
 * The client's address as scripts/server.mjs recorded it: the socket's, or behind
 * KEYSCOPE_TRUST_PROXY the one the trusted proxies added; always a normalised IP address, and
 * overwritten on every request, so a client cannot send it.
 */
export function clientOf(req: Request): string {
  return req.headers.get("x-keyscope-client") ?? "unknown";
}

const crossSite = () => new ApiError("FORBIDDEN", "Cross-site writes are refused.");

/** The host (name:port) of an Origin or Referer, or null when it is not a URL. */
function hostOfUrl(value: string): string | null {
  try {
    return new URL(value).host;
  } catch {
    return null;
  }
}

/**
 * Refuses a write that another site's page sent: Sec-Fetch-Site says so, or Origin names
 * another host (browsers send Origin on every POST), or — where no Origin came (older browsers,
 * some extensions and privacy settings strip it) — the Referer names another page's host.
 * Keyscope's own pages send no Referer (Referrer-Policy: no-referrer); scripts send neither.
 */
function assertSameOrigin(req: Request): void {
  const fetchSite = req.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") throw crossSite();
  const from = req.headers.get("origin") ?? req.headers.get("referer");
  if (from === null) return;
  // Host names are case-insensitive; the URL parser lower-cases the Origin's and Referer's.
  if (hostOfUrl(from) !== req.headers.get("host")?.toLowerCase()) throw crossSite();
}

// A cross-site "simple" request (a form, text/plain) needs no CORS preflight, so a write's body
// must say it is JSON, even on routes that read none (bgsave, logout): a write carries either
// no body and no content-type, or application/json. A body is there when Content-Length > 0 or
// Transfer-Encoding is set (RFC 9112 §6.1).
const JSON_TYPE = /^application\/json\s*(;|$)/i;

function assertJsonOrNoBody(req: Request, rawType?: string): void {
  const type = req.headers.get("content-type");
  // An upload (`body: {kind: "bytes"}`) takes its own type, application/octet-stream, which a
  // cross-site form cannot send without a preflight either.
  if (rawType !== undefined) {
    if (type?.split(";")[0]?.trim().toLowerCase() === rawType) return;
    throw new ApiError("BAD_REQUEST", `The body must be sent as content-type: ${rawType}.`);
  }
  const hasBody =
    Number(req.headers.get("content-length") ?? 0) > 0 || req.headers.has("transfer-encoding");
  if (type === null ? !hasBody : JSON_TYPE.test(type)) return;
  throw new ApiError(
    "BAD_REQUEST",
    "A write's body must be JSON with content-type: application/json (or there is no body).",
  );
}

/** With KEYSCOPE_PASSWORD or KEYSCOPE_TOKEN set: a valid session cookie or bearer token. */
export function isAuthenticated(req: Request): boolean {
  if (!authRequired()) return true;
  const { password, token } = authSettings();
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1];
  if (bearer !== undefined && token !== null && sameSecret(bearer, token)) return true;
  if (password === null) return false;
  return verifySession(password, readCookie(req.headers.get("cookie"), SESSION_COOKIE)) !== null;
}

export function assertWriteAllowed(req: Request, connId: string | undefined): void {
  assertSameOrigin(req);
  assertNotReadOnly(connId);
}

/** Read-only mode (KEYSCOPE_READ_ONLY) and read-only connections refuse every write. */
export function assertNotReadOnly(connId: string | undefined): void {
  if (config().readOnly) {
    throw new ApiError(
      "READ_ONLY",
      "Keyscope runs in read-only mode (KEYSCOPE_READ_ONLY); writes are refused.",
    );
  }
  if (connId !== undefined && connectionConfig(connId).readOnly) {
    throw new ApiError("READ_ONLY", `Connection "${connId}" is read-only; writes are refused.`);
  }
}

/**
 * DNS rebinding (lib/allowed-hosts.ts): a Host that is not this server's name is refused, for
 * reads as well as writes and on the open routes too. 403 FORBIDDEN rather than 421: it is a
 * cross-site request refused, which API.md's table already answers with FORBIDDEN, and 421
 * tells a client to retry on another connection, which browsers may do by themselves.
 */
function assertKnownHost(req: Request): void {
  const host = req.headers.get("host");
  if (!isAllowedHost(host)) throw new ApiError("FORBIDDEN", hostRefusal(host));
}

type GuardOptions = {
  /** Routes reachable without logging in (health, login). */
  open?: boolean;
  /**
   * The request may only read although it is a POST (a CLI read, a bulk dry run): read-only
   * mode is checked once its body says what it will do (lib/api/route.ts, `writes`).
   */
  readOnlyLater?: boolean;
  /** The content type of a raw upload body, taken instead of JSON. */
  rawBodyType?: string;
};

/** Checks every request before its handler runs; `open` routes skip auth (health, login). */
export function guardRequest(
  req: Request,
  connId: string | undefined,
  { open = false, readOnlyLater = false, rawBodyType }: GuardOptions = {},
): void {
  assertKnownHost(req);
  if (!open && !isAuthenticated(req)) {
    throw new ApiError(
      "UNAUTHORIZED",
      "Log in first, or send authorization: Bearer <KEYSCOPE_TOKEN>.",
    );
  }
  if (connId !== undefined) connectionConfig(connId); // 404 for an unknown connection
  if (isWrite(req.method)) {
    // Open writes (login) still get the cross-site check, but read-only is about Redis.
    if (open || readOnlyLater) assertSameOrigin(req);
    else assertWriteAllowed(req, connId);
    assertJsonOrNoBody(req, rawBodyType);
  }
}
