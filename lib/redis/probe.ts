import "server-only";
import { ApiError } from "@/lib/errors";
import { processState } from "@/lib/process-state";
import type { ConnectionStatus } from "@/lib/schemas/connections";
import { connectionConfig } from "./client";
import { clusterLayout } from "./cluster-layout";
import { firstServerNode, type RedisTarget, targetFor } from "./target";

// Readiness of each connection's Redis, for GET /api/connections/{conn}/status and the banner.
// A probe per connection PINGs through the same client the pages' requests use (so "ok" means
// those requests can be served, not just that a socket opens) every PROBE_INTERVAL_MS, and keeps
// its last result here; the status route answers from it at once and never waits on Redis.
// Like the sampler (sampler.ts) it runs only while someone asks: each status request "touches"
// it, and IDLE_STOP_MS after the last one it stops, so an idle Keyscope sends Redis nothing.
// Never more than one PING is in flight per connection: a hung Redis gets no pile of them.
//
// The timings are what the banner's "within 3 s" needs (measured in test/api/status.test.ts and
// e2e/banner.spec.ts): a stopped Redis closes the socket, the client is "reconnecting" at once,
// and the next probe (≤ 0.25 s) says "down"; a hung one (SIGSTOP) leaves the PING unanswered, and
// after HUNG_AFTER_MS the in-flight probe itself is the answer: "hung". With the browser polling
// every 1 s that is ≤ 1.25 s and ≤ 2 s, plus the poll's round trip and a render (measured in the
// browser on a busy 2-core machine: a hang showed after 2.5 s with a 0.5 s probe and 1 s, 2.46 s
// with 0.25 s and 1 s, hence 0.25 s and 0.75 s; four PINGs a second while watched cost Redis
// nothing, and a Redis that cannot answer a PING in 0.75 s is stalling every client). On recovery
// the client reconnects within its backoff cap (client.ts, 1 s), the next probe says "ok": ≤ 2.25 s.
// On a cluster the probe PINGs every master at once: the keyspace is served only if each one
// is, so one master that is away or hangs makes the connection "down" or "hung", naming it.

export const PROBE_INTERVAL_MS = 250;
/** A PING still unanswered after this long means Redis hangs (SIGSTOP, a long script, swapping). */
export const HUNG_AFTER_MS = 750;
const IDLE_STOP_MS = 30_000;
/** A result older than this when the probe (re)starts is not reported: it says "unknown" instead. */
const FRESH_MS = 3 * PROBE_INTERVAL_MS;

type State = ConnectionStatus["state"];

type Probe = {
  /** The last finished probe's verdict ("unknown" before the first). */
  state: State;
  sinceMs: number;
  checkedAtMs: number | null;
  latencyMs: number | null;
  error: string | undefined;
  /** When the PING in flight was sent; null when none is. */
  inFlightSinceMs: number | null;
  /** On a cluster: the masters whose PING of the probe in flight is unanswered yet. */
  waitingOn: Set<string>;
  timer: ReturnType<typeof setInterval> | null;
  lastAskedMs: number;
};

const probes = processState("probes", () => new Map<string, Probe>());

type Outcome = { state: Exclude<State, "unknown">; error?: string };

/** What a failed PING says about Redis: no answer in time is "hung", anything else "down". */
function outcomeOf(e: unknown): Outcome {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof Error && e.name === "ReplyError") {
    // Redis answered: a PING refused by an ACL still proves it serves; LOADING, NOAUTH, BUSY… do not.
    if (message.startsWith("NOPERM")) return { state: "ok" };
    return { state: "down", error: `Redis answered with an error: ${message}` };
  }
  // client.ts's command timeout, or a connection that opened but never became ready.
  if (message === "Command timed out" || /no answer within/.test(message))
    return { state: "hung", error: "Redis does not answer (it accepts connections but hangs)." };
  return {
    state: "down",
    error: e instanceof ApiError ? message : `Redis is unreachable: ${message}`,
  };
}

function settle(p: Probe, outcome: Outcome, startedMs: number, doneMs: number): void {
  if (outcome.state !== p.state) {
    // A hang began when the PING that got no answer was sent, not when it timed out.
    p.sinceMs = outcome.state === "hung" ? startedMs : doneMs;
    p.state = outcome.state;
  }
  p.checkedAtMs = doneMs;
  p.latencyMs = outcome.state === "down" ? null : doneMs - startedMs;
  p.error = outcome.error;
}

async function tick(connId: string, p: Probe): Promise<void> {
  const started = Date.now();
  if (started - p.lastAskedMs > IDLE_STOP_MS) {
    stop(p);
    return;
  }
  if (p.inFlightSinceMs !== null) return;
  p.inFlightSinceMs = started;
  let outcome: Outcome;
  try {
    const target = targetFor(connId, 0);
    if (target.kind === "cluster") outcome = await pingMasters(connId, target, p);
    else {
      const client = await firstServerNode(target);
      // Stopped (idle, or reset) while the client was connecting: send nothing.
      if (p.timer === null) {
        p.inFlightSinceMs = null;
        return;
      }
      await client.ping();
      outcome = { state: "ok" };
    }
  } catch (e) {
    outcome = outcomeOf(e);
  }
  p.inFlightSinceMs = null;
  p.waitingOn.clear();
  settle(p, outcome, started, Date.now());
}

/** One PING per master, in parallel; the first that fails is the verdict, naming its master. */
async function pingMasters(connId: string, target: RedisTarget, p: Probe): Promise<Outcome> {
  const { masters } = await clusterLayout(connId);
  for (const m of masters) p.waitingOn.add(m.addr);
  const settled = await Promise.allSettled(
    masters.map(async (m) => {
      try {
        await (await target.nodeAt(m.addr)).client.ping();
      } finally {
        p.waitingOn.delete(m.addr);
      }
    }),
  );
  // A hang is worse news than a refusal: it stalls every request that reaches that master.
  let verdict: Outcome = { state: "ok" };
  settled.forEach((s, i) => {
    if (s.status === "fulfilled") return;
    const o = outcomeOf(s.reason);
    if (o.state === "ok" || verdict.state === "hung") return;
    verdict = { state: o.state, error: `master ${masters[i]?.addr}: ${o.error}` };
  });
  return verdict;
}

function stop(p: Probe): void {
  if (p.timer) clearInterval(p.timer);
  p.timer = null;
}

function touch(connId: string, now: number): Probe {
  let p = probes.get(connId);
  if (!p) {
    p = {
      state: "unknown",
      sinceMs: now,
      checkedAtMs: null,
      latencyMs: null,
      error: undefined,
      inFlightSinceMs: null,
      waitingOn: new Set(),
      timer: null,
      lastAskedMs: now,
    };
    probes.set(connId, p);
  }
  p.lastAskedMs = now;
  if (p.timer) return p;
  // Restarting after a pause: what was known then is no news about now.
  if (p.checkedAtMs === null || now - p.checkedAtMs > FRESH_MS) {
    p.state = "unknown";
    p.sinceMs = now;
    p.error = undefined;
  }
  const probe = p;
  probe.timer = setInterval(() => void tick(connId, probe), PROBE_INTERVAL_MS);
  probe.timer.unref?.(); // never keep the process alive just to probe
  void tick(connId, probe);
  return probe;
}

/** The connection's status from the last probe, at once; starts or keeps up its probe. 404 for
 * an unknown connection. */
export function connectionStatus(connId: string): ConnectionStatus {
  connectionConfig(connId);
  const now = Date.now();
  const p = touch(connId, now);
  const waited = p.inFlightSinceMs === null ? 0 : now - p.inFlightSinceMs;
  if (waited >= HUNG_AFTER_MS) {
    return {
      state: "hung",
      checkedAt: now / 1000,
      latencyMs: waited,
      error: `No answer to PING for ${(waited / 1000).toFixed(1)} s${
        p.waitingOn.size > 0 ? ` from master ${[...p.waitingOn].join(", ")}` : ""
      }.`,
      since: (p.state === "hung" ? p.sinceMs : (p.inFlightSinceMs as number)) / 1000,
    };
  }
  return {
    state: p.state,
    checkedAt: p.checkedAtMs === null ? null : p.checkedAtMs / 1000,
    latencyMs: p.latencyMs,
    ...(p.error !== undefined && { error: p.error }),
    since: p.sinceMs / 1000,
  };
}

/** Stops one connection's probe and forgets it (the connection was edited or deleted). */
export function forgetProbe(connId: string): void {
  const p = probes.get(connId);
  if (p) stop(p);
  probes.delete(connId);
}

/** Stops every probe and forgets what they found; for tests. */
export function resetProbes(): void {
  for (const p of probes.values()) stop(p);
  probes.clear();
}
