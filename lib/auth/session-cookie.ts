import "server-only";
import { SESSION_COOKIE } from "./secrets";

/** Secure only over HTTPS (directly, or behind a proxy that says so). */
function isHttps(req: Request): boolean {
  return new URL(req.url).protocol === "https:" || req.headers.get("x-forwarded-proto") === "https";
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
