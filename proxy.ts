import { type NextRequest, NextResponse } from "next/server";
import { hostRefusal, isAllowedHost } from "@/lib/allowed-hosts";
import { readCookie, SESSION_COOKIE, verifySession } from "@/lib/auth/secrets";
import { authRequired, authSettings } from "@/lib/auth/settings";

// Runs before every page and API request (Next 16's proxy, in Node.js):
// - security headers on every response, with a per-request nonce in the CSP so Next's own
//   inline scripts run and nothing else does (no 'unsafe-eval' outside `next dev`);
// - pages redirect to /login when auth is on and there is no valid session. API routes (not
//   matched, see `config`) check auth themselves, in lib/api/guard.ts, and answer 401 instead;
// - pages whose Host is not this server's name are refused (DNS rebinding: reads count too,
//   see lib/allowed-hosts.ts). API routes are refused by the guard, in the API's error shape.

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes position the virtualised rows; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function pageNeedsLogin(req: NextRequest): boolean {
  const { pathname } = req.nextUrl;
  if (pathname.startsWith("/api/") || pathname === "/login") return false;
  if (!authRequired()) return false;
  const { password } = authSettings();
  if (password === null) return true; // token-only: browsers cannot log in; /login explains
  return verifySession(password, readCookie(req.headers.get("cookie"), SESSION_COOKIE)) === null;
}

export function proxy(req: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  let res: NextResponse;
  const host = req.headers.get("host");
  if (!req.nextUrl.pathname.startsWith("/api/") && !isAllowedHost(host)) {
    res = new NextResponse(hostRefusal(host), {
      status: 403,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  } else if (pageNeedsLogin(req)) {
    const login = new URL("/login", req.url);
    login.searchParams.set("next", req.nextUrl.pathname + req.nextUrl.search);
    res = NextResponse.redirect(login);
  } else {
    const headers = new Headers(req.headers);
    headers.set("x-nonce", nonce);
    headers.set("content-security-policy", csp);
    res = NextResponse.next({ request: { headers } });
  }
  res.headers.set("content-security-policy", csp);
  res.headers.set("x-content-type-options", "nosniff");
  res.headers.set("referrer-policy", "no-referrer");
  res.headers.set("x-frame-options", "DENY");
  res.headers.set("permissions-policy", "camera=(), microphone=(), geolocation=()");
  return res;
}

export const config = {
  // Not /api: when the proxy runs, Next copies every POST/PUT body into memory (twice, up to
  // experimental.proxyClientMaxBodySize) and waits for all of it before the route runs, so a
  // body without credentials was read in full before the guard could refuse it (150 parallel
  // 10 MB POSTs: +333 MiB RSS), and bodies were cut at 10 MB. API routes check auth themselves
  // (lib/api/guard.ts) and set their own security headers (lib/api/headers.ts).
  matcher: ["/((?!api/|_next/static|_next/image|favicon.svg).*)"],
};
