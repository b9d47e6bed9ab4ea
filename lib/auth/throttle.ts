import "server-only";
import { processState } from "@/lib/process-state";

// Wrong passwords from one client: the first 5 in 15 minutes are free, then each further try
// waits twice as long as the last (2 s, 4 s, … capped at 15 min). A success clears the slate.
const FREE_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;
const MAX_DELAY_MS = 15 * 60_000;

type Entry = { failures: number; first: number; blockedUntil: number };
const clients = processState("loginFailures", () => new Map<string, Entry>());

/** Seconds the client must wait before trying again, or 0. */
export function retryAfterSeconds(client: string, now = Date.now()): number {
  const e = clients.get(client);
  if (!e || now - e.first > WINDOW_MS + MAX_DELAY_MS) return 0;
  return Math.max(0, Math.ceil((e.blockedUntil - now) / 1000));
}

export function recordFailure(client: string, now = Date.now()): void {
  let e = clients.get(client);
  if (!e || now - e.first > WINDOW_MS + MAX_DELAY_MS) {
    e = { failures: 0, first: now, blockedUntil: 0 };
    clients.set(client, e);
  }
  e.failures++;
  if (e.failures >= FREE_FAILURES) {
    e.blockedUntil = now + Math.min(2000 * 2 ** (e.failures - FREE_FAILURES), MAX_DELAY_MS);
  }
  // Bound memory under a flood of made-up clients: forget the oldest.
  if (clients.size > 10_000) clients.delete(clients.keys().next().value as string);
}

export function recordSuccess(client: string): void {
  clients.delete(client);
}
