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

/** The client's address as scripts/server.mjs recorded it from the socket. */
export function clientOf(req: Request): string {
  return req.headers.get("x-keyscope-client") ?? "unknown";
}

/** Refuses a write whose Origin names another site (the browser sends Origin on every POST). */
function assertSameOrigin(req: Request): void {
  const origin = req.headers.get("origin");
  const fetchSite = req.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") {
    throw new ApiError("FORBIDDEN", "Cross-site writes are refused.");
  }
  if (!origin) return;
  // Host names are case-insensitive; the URL parser lower-cases Origin's.
  const host = req.headers.get("host")?.toLowerCase();
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new ApiError("FORBIDDEN", "Cross-site writes are refused.");
  }
  if (originHost !== host) throw new ApiError("FORBIDDEN", "Cross-site writes are refused.");
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

/** Checks every request before its handler runs; `open` routes skip auth (health, login). */
export function guardRequest(req: Request, connId: string | undefined, open = false): void {
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
    if (open) assertSameOrigin(req);
    else assertWriteAllowed(req, connId);
  }
}
