import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { serverSecret } from "@/lib/auth/secrets";

// Saved connections' secrets (passwords, TLS private keys) at rest: AES-256-GCM under a key
// derived (HKDF-SHA256) from the server secret the sessions use, so the data directory's
// connections.json alone tells nothing, and a copied file opens only beside its secret. The
// connection's id is the associated data: a sealed password moved to another entry does not open.
// A new KEYSCOPE_SECRET (or a deleted session-secret) makes the stored secrets unreadable:
// those connections then have no password until one is given again (lib/connections/store.ts).

const PREFIX = "v1";
const IV_BYTES = 12;

function key(): Buffer {
  const secret = serverSecret();
  return Buffer.from(
    hkdfSync("sha256", secret, "keyscope-connections", "connection secrets v1", 32),
  );
}

/** `v1.<iv>.<ciphertext>.<tag>`, each base64url. */
export function seal(plain: string, id: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(id, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const parts = [iv, body, cipher.getAuthTag()].map((b) => b.toString("base64url"));
  return [PREFIX, ...parts].join(".");
}

/** The plain text, or null when it does not open (another secret, another id, a damaged file). */
export function unseal(sealed: string, id: string): string | null {
  const [prefix, iv, body, tag] = sealed.split(".");
  if (prefix !== PREFIX || !iv || body === undefined || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(id, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    const out = Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]);
    return out.toString("utf8");
  } catch {
    return null;
  }
}
