import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { processState } from "@/lib/process-state";

// Secret handling for auth. Not `server-only` because proxy.ts imports it too (it runs on the
// server as well, in Node.js); it uses node:crypto, so a client import would fail to build.

/** Compares two secrets in time that does not depend on where they differ (or their length). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

export const SESSION_COOKIE = "keyscope_session";

function sessionKey(password: string): Buffer {
  // Derived from the password, so changing the password ends every session, and sessions
  // survive a restart without a stored secret.
  return createHmac("sha256", "keyscope-session-v1").update(password).digest();
}

/** A session token: `v1.<expires (unix s)>.<random id>.<HMAC of the rest>`. */
export function signSession(
  password: string,
  ttlSeconds: number,
  now = Date.now(),
): { token: string; id: string; expires: number } {
  const expires = Math.floor(now / 1000) + ttlSeconds;
  const id = randomBytes(16).toString("base64url");
  const body = `v1.${expires}.${id}`;
  const mac = createHmac("sha256", sessionKey(password)).update(body).digest("base64url");
  return { token: `${body}.${mac}`, id, expires };
}

/** The session id when the token is genuine and unexpired, else null. */
export function verifySession(
  password: string,
  token: string | undefined,
  now = Date.now(),
): { id: string; expires: number } | null {
  if (!token) return null;
  const m = /^v1\.(\d{1,12})\.([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const [, expires, id, mac] = m as unknown as [string, string, string, string];
  const want = createHmac("sha256", sessionKey(password)).update(`v1.${expires}.${id}`).digest();
  const got = Buffer.from(mac, "base64url");
  if (got.length !== want.length || !timingSafeEqual(got, want)) return null;
  if (Number(expires) * 1000 <= now) return null;
  if (revoked().has(id)) return null;
  return { id, expires: Number(expires) };
}

// Logged-out session ids until they would have expired anyway. proxy.ts reads them and the
// logout route writes them: two copies of this module in one process (lib/process-state.ts).
function revoked(): Map<string, number> {
  const map = processState("revokedSessions", () => new Map<string, number>());
  const now = Date.now() / 1000;
  for (const [id, exp] of map) if (exp < now) map.delete(id);
  return map;
}

export function revokeSession(id: string, expires: number): void {
  revoked().set(id, expires);
}

/** The value of one cookie from a Cookie header. */
export function readCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return undefined;
}
