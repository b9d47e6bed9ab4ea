import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadConfig, resetConfigForTests } from "@/lib/config";

// Sessions across a restart: a new process keeps its data directory and nothing else, which
// here is a fresh module instance and no process-wide state (lib/process-state.ts).

const PASSWORD = "correct horse battery staple";

function forgetProcessState(): void {
  const g = globalThis as unknown as Record<symbol, unknown>;
  for (const s of Object.getOwnPropertySymbols(g))
    if (Symbol.keyFor(s)?.startsWith("keyscope.")) delete g[s];
}

async function restart() {
  forgetProcessState();
  vi.resetModules();
  return import("@/lib/auth/secrets");
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "keyscope-sessions-"));
  process.env.KEYSCOPE_DATA_DIR = dir;
  delete process.env.KEYSCOPE_SECRET;
  forgetProcessState();
  resetConfigForTests();
});
afterEach(() => {
  delete process.env.KEYSCOPE_SECRET;
  resetConfigForTests();
});

describe("sessions", () => {
  it("a cookie made before a restart still works; a logged-out one stays refused", async () => {
    const before = await restart();
    const kept = before.signSession(PASSWORD, 3600);
    const ended = before.signSession(PASSWORD, 3600);
    before.revokeSession(ended.id, ended.expires);
    expect(before.verifySession(PASSWORD, ended.token)).toBeNull();

    const after = await restart();
    expect(after).not.toBe(before);
    expect(after.verifySession(PASSWORD, kept.token)?.id).toBe(kept.id);
    expect(after.verifySession(PASSWORD, ended.token)).toBeNull();
  });

  it("a session checked before (its MAC remembered) still expires, ends on logout and on a new password", async () => {
    const s = await restart();
    const now = Date.now();
    const session = s.signSession(PASSWORD, 60, now);
    expect(s.verifySession(PASSWORD, session.token, now)?.id).toBe(session.id);
    expect(s.verifySession(PASSWORD, session.token, now)?.id).toBe(session.id); // remembered
    expect(s.verifySession(PASSWORD, session.token, now + 61_000)).toBeNull();
    expect(s.verifySession(`${PASSWORD}!`, session.token, now)).toBeNull();
    // Another last character (one in 64 tokens already ends in "A": the test must not depend on it).
    const last = session.token.endsWith("A") ? "B" : "A";
    expect(s.verifySession(PASSWORD, `${session.token.slice(0, -1)}${last}`, now)).toBeNull();
    expect(s.verifySession(PASSWORD, session.token, now)?.id).toBe(session.id);
    s.revokeSession(session.id, session.expires);
    expect(s.verifySession(PASSWORD, session.token, now)).toBeNull();
  });

  it("keeps the secret in a file of mode 600, created on first need", async () => {
    const s = await restart();
    s.signSession(PASSWORD, 60);
    const file = join(dir, "session-secret");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, "utf8").trim(), "base64url")).toHaveLength(32);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it("refuses a cookie whose MAC is computed from the password alone (the 0.1 scheme)", async () => {
    const s = await restart();
    const expires = Math.floor(Date.now() / 1000) + 3600;
    const key = createHmac("sha256", "keyscope-session-v1").update(PASSWORD).digest();
    for (const v of ["v1", "v2"]) {
      const body = `${v}.${expires}.abcdefghijklmnop`;
      const mac = createHmac("sha256", key).update(body).digest("base64url");
      expect(s.verifySession(PASSWORD, `${body}.${mac}`)).toBeNull();
    }
    // A genuine one of the same shape passes, so the refusal above is about the key.
    const real = s.signSession(PASSWORD, 3600);
    expect(s.verifySession(PASSWORD, real.token)).not.toBeNull();
  });

  it("a changed password or a different secret ends every session", async () => {
    process.env.KEYSCOPE_SECRET = "a".repeat(32);
    const s = await restart();
    const t = s.signSession(PASSWORD, 3600);
    expect(s.verifySession(PASSWORD, t.token)).not.toBeNull();
    expect(s.verifySession(`${PASSWORD}!`, t.token)).toBeNull();
    process.env.KEYSCOPE_SECRET = "b".repeat(32);
    resetConfigForTests();
    const other = await restart();
    expect(other.verifySession(PASSWORD, t.token)).toBeNull();
  });

  it("with KEYSCOPE_SECRET, writes no secret file", async () => {
    process.env.KEYSCOPE_SECRET = "s".repeat(40);
    const s = await restart();
    s.signSession(PASSWORD, 60);
    expect(() => statSync(join(dir, "session-secret"))).toThrow();
  });

  it("a KEYSCOPE_SECRET under 32 characters stops start-up, naming it", () => {
    expect(() => loadConfig({ KEYSCOPE_SECRET: "too-short" })).toThrow(/KEYSCOPE_SECRET/);
    expect(() => loadConfig({ KEYSCOPE_SECRET: "too-short" })).not.toThrow(/too-short/);
    expect(() => loadConfig({ KEYSCOPE_SECRET: "x".repeat(32) })).not.toThrow();
  });

  it("keeps only unexpired revocations on disk", async () => {
    const s = await restart();
    const now = Date.now();
    const old = s.signSession(PASSWORD, 1, now - 10_000);
    s.revokeSession(old.id, old.expires);
    const live = s.signSession(PASSWORD, 3600);
    s.revokeSession(live.id, live.expires);
    const stored = readFileSync(join(dir, "revoked-sessions.json"), "utf8");
    expect(stored).toContain(live.id);
    expect(stored).not.toContain(old.id);
    expect(statSync(join(dir, "revoked-sessions.json")).mode & 0o777).toBe(0o600);
  });
});
