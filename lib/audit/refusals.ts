import "server-only";
import { isAllowedHost } from "@/lib/allowed-hosts";
import { isAuthenticated } from "@/lib/api/guard";
import { processState } from "@/lib/process-state";
import { makeEntry } from "./entry";
import { appendAudit } from "./log";

// Writes refused before anyone logged in are counted, not written one by one: anyone who can
// reach the port can send them, and 300 unauthenticated DELETEs with 14,000-character keys
// added 4.2 MB to the log (issue 9), hiding the real entries. The counts are in every answer of
// GET /api/audit, and at most one summary line a minute (with the busiest clients) keeps a
// trace of them in the file itself.

export type RefusalReason = "host" | "unauthenticated" | "login";

/** A summary line is written at most this often while refusals keep coming. */
const SUMMARY_EVERY_MS = 60_000;
/** Clients named in a summary line (the busiest ones); the rest are counted. */
const SUMMARY_CLIENTS = 5;
/** Distinct clients tracked between two summaries, so a spoofed-address flood stays small. */
const MAX_TRACKED_CLIENTS = 1000;

type Counts = Record<RefusalReason, number>;
const zero = (): Counts => ({ host: 0, unauthenticated: 0, login: 0 });

const state = processState("auditRefusals", () => ({
  since: new Date().toISOString(),
  total: zero(),
  /** Since the last summary line. */
  pending: { counts: zero(), first: "", last: "", clients: new Map<string, number>() },
  timer: null as ReturnType<typeof setTimeout> | null,
}));

/**
 * Why a write is counted rather than written, or null when it is written: a Host that is not
 * this server's name (DNS rebinding), no valid session or token, or a login that failed (wrong
 * password, malformed body, throttled). A successful login is written; so is every write of a
 * logged-in client, refused or not.
 */
export function refusalBeforeLogin(
  req: Request,
  open: boolean,
  res: Response,
): RefusalReason | null {
  // Open routes (login, logout) answer anyone: a logout without a session changes nothing.
  if (res.ok)
    return open && !isAuthenticated(req) && !startsSession(res) ? "unauthenticated" : null;
  if (!isAllowedHost(req.headers.get("host"))) return "host";
  if (open) return "login";
  return isAuthenticated(req) ? null : "unauthenticated";
}

/** A successful login: it sets a session cookie (a logout's Set-Cookie clears it, Max-Age=0). */
function startsSession(res: Response): boolean {
  return /max-age=[1-9]/i.test(res.headers.get("set-cookie") ?? "");
}

export function countRefusal(reason: RefusalReason, client: string): void {
  state.total[reason]++;
  const p = state.pending;
  const now = new Date().toISOString();
  p.counts[reason]++;
  p.first ||= now;
  p.last = now;
  if (p.clients.has(client) || p.clients.size < MAX_TRACKED_CLIENTS)
    p.clients.set(client, (p.clients.get(client) ?? 0) + 1);
  if (!state.timer) {
    state.timer = setTimeout(() => void flushRefusalSummary(), SUMMARY_EVERY_MS);
    state.timer.unref?.();
  }
}

/** Writes the summary line of the refusals counted since the last one (if any). */
export async function flushRefusalSummary(): Promise<void> {
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
  const p = state.pending;
  const count = Object.values(p.counts).reduce((a, b) => a + b, 0);
  if (count === 0) return;
  state.pending = { counts: zero(), first: "", last: "", clients: new Map() };
  const busiest = [...p.clients].sort((a, b) => b[1] - a[1]).slice(0, SUMMARY_CLIENTS);
  const byReason = Object.fromEntries(Object.entries(p.counts).filter(([, n]) => n > 0));
  await appendAudit(
    makeEntry({
      time: p.last,
      client: busiest[0]?.[0] ?? "unknown",
      conn: null,
      db: null,
      action: "refused before login",
      detail: {
        count,
        byReason,
        from: p.first,
        clients: Object.fromEntries(busiest),
        otherClients: Math.max(0, p.clients.size - busiest.length),
      },
      result: { status: 401, code: "UNAUTHORIZED" },
    }),
  );
}

/** The counts since the server started, for GET /api/audit. */
export function refusalCounts(): { since: string; total: number; byReason: Counts } {
  const byReason = { ...state.total };
  return {
    since: state.since,
    total: Object.values(byReason).reduce((a, b) => a + b, 0),
    byReason,
  };
}
