import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { type AuthConfig, config } from "@/lib/config";
import { createDataFileOnceSync, readDataFileSync } from "@/lib/data-dir";
import { processState } from "@/lib/process-state";
import { isRevoked } from "./revocations";

// Secret handling for auth. Not `server-only` because proxy.ts imports it too (it runs on the
// server as well, in Node.js); it uses node:crypto, so a client import would fail to build.

/** Compares two secrets in time that does not depend on where they differ (or their length). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

export const SESSION_COOKIE = "keyscope_session";

// The session MAC key comes from a random server secret (KEYSCOPE_SECRET, or 32 bytes in the
// data directory's session-secret, made on first need) and the password: a stolen cookie tells
// nothing about the password without the secret (0.1 keyed it by the password alone, so a cookie
// let anyone test passwords offline), and a changed password still ends every session.
const SECRET_FILE = "session-secret";
const SECRET_BYTES = 32;

function readSecret(auth: AuthConfig): Buffer {
  if (auth.secret !== null) return Buffer.from(auth.secret, "utf8");
  const text =
    readDataFileSync(SECRET_FILE) ??
    createDataFileOnceSync(SECRET_FILE, `${randomBytes(SECRET_BYTES).toString("base64url")}\n`);
  const secret = Buffer.from(text.trim(), "base64url");
  if (secret.length !== SECRET_BYTES)
    throw new Error(
      `${SECRET_FILE} in the data directory is not ${SECRET_BYTES} base64url bytes; delete it to make a new one (every session ends) or set KEYSCOPE_SECRET`,
    );
  return secret;
}

// Cached per parsed configuration (a reference check per request: proxy.ts and the guard call
// this on every request), one cache for all module copies (lib/process-state.ts).
type KeyCache = { auth?: AuthConfig; secret?: Buffer; password?: string; key?: Buffer };
const keyCache = processState("sessionKey", (): KeyCache => ({}));

/**
 * The server secret (KEYSCOPE_SECRET, or the data directory's session-secret): sessions are
 * keyed from it, and so is the encryption of saved connections' passwords (lib/connections/seal.ts).
 */
export function serverSecret(): Buffer {
  const { auth } = config();
  if (keyCache.auth !== auth || !keyCache.secret) {
    keyCache.secret = readSecret(auth);
    keyCache.auth = auth;
    keyCache.key = undefined;
  }
  return keyCache.secret;
}

function sessionKey(password: string): Buffer {
  const secret = serverSecret();
  if (keyCache.key === undefined || keyCache.password !== password) {
    keyCache.key = createHmac("sha256", secret).update(`keyscope-session-v2\0${password}`).digest();
    keyCache.password = password;
  }
  return keyCache.key;
}

// A browser sends its cookie with every request: tokens whose MAC was found genuine under the
// current key are remembered, so the next requests cost a Map lookup instead of an HMAC (~45 µs
// of every API request's CPU, measured in-process). Only genuine tokens go in, so a flood of
// forged ones only costs what it did; expiry and revocation are still checked every time, and a
// new key (password or secret) forgets them all. Cleared when full: logged-in users re-verify once.
const GENUINE_MAX = 1024;
const genuine = processState(
  "sessionGenuine",
  (): { key?: Buffer; tokens: Map<string, { id: string; expires: number }> } => ({
    tokens: new Map(),
  }),
);

/** A session token: `v2.<expires (unix s)>.<random id>.<HMAC of the rest>`. */
export function signSession(
  password: string,
  ttlSeconds: number,
  now = Date.now(),
): { token: string; id: string; expires: number } {
  const expires = Math.floor(now / 1000) + ttlSeconds;
  const id = randomBytes(16).toString("base64url");
  const body = `v2.${expires}.${id}`;
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
  const key = sessionKey(password);
  if (genuine.key !== key) {
    genuine.key = key;
    genuine.tokens.clear();
  }
  let session = genuine.tokens.get(token);
  if (session === undefined) {
    // v1 tokens (0.1, keyed by the password alone) no longer parse: everyone logs in once more.
    const m = /^v2\.(\d{1,12})\.([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!m) return null;
    const [, expires, id, mac] = m as unknown as [string, string, string, string];
    const want = createHmac("sha256", key).update(`v2.${expires}.${id}`).digest();
    const got = Buffer.from(mac, "base64url");
    if (got.length !== want.length || !timingSafeEqual(got, want)) return null;
    session = { id, expires: Number(expires) };
    if (genuine.tokens.size >= GENUINE_MAX) genuine.tokens.clear();
    genuine.tokens.set(token, session);
  }
  if (session.expires * 1000 <= now) return null;
  if (isRevoked(session.id, now)) return null;
  return { ...session };
}

export { revokeSession } from "./revocations";

/** The value of one cookie from a Cookie header. */
export function readCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return undefined;
}
