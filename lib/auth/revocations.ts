import { config, type KeyscopeConfig } from "@/lib/config";
import { readDataFileSync, writeFileAtomicSync } from "@/lib/data-dir";
import { processState } from "@/lib/process-state";

// Logged-out session ids until they would have expired anyway, kept in the data directory so a
// restart does not bring a logged-out cookie back (0.1 kept them in memory only). Loaded on first
// need; proxy.ts reads them and the logout route writes them: one copy for every module instance
// (lib/process-state.ts). Not `server-only`, for proxy.ts.

const FILE = "revoked-sessions.json";
// Each logout rewrites the whole file; 10,000 ids are ~500 KB. Past the cap the ids expiring
// soonest go first: logging out needs a valid session, so only someone who can log in can fill it.
const MAX_REVOKED = 10_000;

type Store = { config?: KeyscopeConfig; map: Map<string, number> };
const store = processState("revokedSessions", (): Store => ({ map: new Map() }));

function load(): Map<string, number> {
  const map = new Map<string, number>();
  const text = readDataFileSync(FILE);
  if (text === null) return map;
  try {
    const parsed = JSON.parse(text) as { revoked?: unknown };
    const entries = parsed.revoked;
    if (typeof entries !== "object" || entries === null) throw new Error("no `revoked` object");
    for (const [id, exp] of Object.entries(entries))
      if (typeof exp === "number" && Number.isFinite(exp)) map.set(id, exp);
  } catch (e) {
    // Sessions still expire on their own (KEYSCOPE_SESSION_HOURS); refusing to start over a
    // damaged file would be worse. Said loudly, because logged-out cookies work again meanwhile.
    console.warn(`[keyscope] ignoring ${FILE} in the data directory: ${(e as Error).message}`);
  }
  return map;
}

function revoked(nowSeconds: number): Map<string, number> {
  const cfg = config();
  if (store.config !== cfg) {
    store.map = load();
    store.config = cfg;
  }
  for (const [id, exp] of store.map) if (exp < nowSeconds) store.map.delete(id);
  return store.map;
}

export function isRevoked(id: string, now = Date.now()): boolean {
  return revoked(now / 1000).has(id);
}

export function revokeSession(id: string, expires: number, now = Date.now()): void {
  const map = revoked(now / 1000);
  if (expires < now / 1000) return;
  map.set(id, expires);
  if (map.size > MAX_REVOKED) {
    const soonest = [...map].sort((a, b) => a[1] - b[1]).slice(0, map.size - MAX_REVOKED);
    for (const [old] of soonest) map.delete(old);
  }
  writeFileAtomicSync(
    FILE,
    `${JSON.stringify({ version: 1, revoked: Object.fromEntries(map) })}\n`,
  );
}
