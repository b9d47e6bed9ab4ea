import "server-only";
import { processState } from "@/lib/process-state";
import type { HistorySample } from "@/lib/schemas/overview";
import { hitRatio, type InfoFields, numberOrNull, parseInfo } from "./info";
import { sumInfo } from "./info-sum";
import { firstServerNode, type RedisTarget, targetFor } from "./target";

// One sampler per connection: every 2 s it reads INFO and keeps an hour of figures in a ring
// buffer, so the overview's charts have history and survive a reload. It runs only while
// someone looks: every overview or history request "touches" it, and a minute after the last
// touch it stops (the buffer stays; the charts show the pause as a gap in the rates).
// On a cluster each sample is the sum over the nodes that answer (info-sum.ts): a node that
// drops out makes the counters go backwards once, which is a gap, not a negative rate.

export const SAMPLE_INTERVAL_MS = 2000;
export const WINDOW_SECONDS = 3600;
const CAPACITY = WINDOW_SECONDS / (SAMPLE_INTERVAL_MS / 1000);
const IDLE_STOP_MS = 60_000;

/** The counters rates are computed from: the previous sample's raw values. */
type Counters = {
  atMs: number;
  commands: number;
  hits: number;
  misses: number;
  evicted: number;
  expired: number;
  netIn: number;
  netOut: number;
};

type Sampler = {
  samples: HistorySample[];
  previous: Counters | null;
  timer: ReturnType<typeof setInterval> | null;
  lastTouchMs: number;
  busy: boolean;
};

// One timer per connection for the whole process (lib/process-state.ts says why it is there).
const samplers = processState("samplers", () => new Map<string, Sampler>());

function countersFrom(info: InfoFields, atMs: number): Counters | null {
  const get = (name: string) => numberOrNull(info, name);
  const values = [
    get("total_commands_processed"),
    get("keyspace_hits"),
    get("keyspace_misses"),
    get("evicted_keys"),
    get("expired_keys"),
    get("total_net_input_bytes"),
    get("total_net_output_bytes"),
  ];
  if (values.some((v) => v === null)) return null;
  const [commands, hits, misses, evicted, expired, netIn, netOut] = values as number[];
  return {
    atMs,
    commands: commands as number,
    hits: hits as number,
    misses: misses as number,
    evicted: evicted as number,
    expired: expired as number,
    netIn: netIn as number,
    netOut: netOut as number,
  };
}

/** One sample from INFO and the previous counters; rates are null without a usable previous. */
export function sampleFrom(
  info: InfoFields,
  now: Counters | null,
  before: Counters | null,
  atMs: number,
): HistorySample {
  // A counter that went backwards means CONFIG RESETSTAT or a restart: no rate this time.
  const usable =
    now !== null &&
    before !== null &&
    now.atMs > before.atMs &&
    (Object.keys(now) as (keyof Counters)[]).every((k) => now[k] >= before[k]);
  const dt = usable ? (now.atMs - before.atMs) / 1000 : 0;
  const rate = (k: keyof Counters) => (usable ? (now[k] - before[k]) / dt : null);
  return {
    t: atMs / 1000,
    opsPerSec: rate("commands"),
    usedBytes: numberOrNull(info, "used_memory"),
    hitRatio: usable ? hitRatio(now.hits - before.hits, now.misses - before.misses) : null,
    evictedPerSec: rate("evicted"),
    expiredPerSec: rate("expired"),
    clients: numberOrNull(info, "connected_clients"),
    netInBytesPerSec: rate("netIn"),
    netOutBytesPerSec: rate("netOut"),
  };
}

async function tick(connId: string, s: Sampler): Promise<void> {
  if (Date.now() - s.lastTouchMs > IDLE_STOP_MS) {
    stop(s);
    return;
  }
  if (s.busy) return; // a slow Redis: skip a beat rather than pile up INFO calls
  s.busy = true;
  try {
    const info = await sampledInfo(targetFor(connId, 0));
    const atMs = Date.now();
    const counters = countersFrom(info, atMs);
    s.samples.push(sampleFrom(info, counters, s.previous, atMs));
    if (s.samples.length > CAPACITY) s.samples.splice(0, s.samples.length - CAPACITY);
    s.previous = counters;
  } catch {
    // Redis is away: no sample, and the next one starts its rates afresh (a gap in the chart).
    s.previous = null;
  } finally {
    s.busy = false;
  }
}

async function sampledInfo(target: RedisTarget): Promise<InfoFields> {
  if (target.kind !== "cluster") return parseInfo(await (await firstServerNode(target)).info());
  const nodes = await target.serverNodes();
  const answers = await Promise.allSettled(
    nodes.map(async (n) => parseInfo(await n.client.info())),
  );
  const all: InfoFields[] = [];
  const masters: InfoFields[] = [];
  answers.forEach((a, i) => {
    if (a.status !== "fulfilled") return;
    all.push(a.value);
    if (nodes[i]?.role === "master") masters.push(a.value);
  });
  if (all.length === 0) throw new Error("no cluster node answers INFO");
  return sumInfo(masters, all);
}

function stop(s: Sampler): void {
  if (s.timer) clearInterval(s.timer);
  s.timer = null;
  s.previous = null;
}

/** Keeps the connection's sampler running for another minute, starting it if needed. */
export function touchSampler(connId: string): void {
  let s = samplers.get(connId);
  if (!s) {
    s = { samples: [], previous: null, timer: null, lastTouchMs: 0, busy: false };
    samplers.set(connId, s);
  }
  s.lastTouchMs = Date.now();
  if (s.timer) return;
  const sampler = s;
  sampler.timer = setInterval(() => void tick(connId, sampler), SAMPLE_INTERVAL_MS);
  sampler.timer.unref?.(); // never keep the process alive just to sample
  void tick(connId, sampler);
}

/** The buffered samples newer than `sinceSeconds` (all of them without it). */
export function historySince(connId: string, sinceSeconds?: number): HistorySample[] {
  const samples = samplers.get(connId)?.samples ?? [];
  if (sinceSeconds === undefined) return [...samples];
  // Samples are in time order: find the first newer one from the end (usually one or two back).
  let i = samples.length;
  while (i > 0 && (samples[i - 1] as HistorySample).t > sinceSeconds) i--;
  return samples.slice(i);
}

export function latestSample(connId: string): HistorySample | undefined {
  return samplers.get(connId)?.samples.at(-1);
}

/** Stops every sampler and forgets the history; for tests. */
export function resetSamplers(): void {
  for (const s of samplers.values()) stop(s);
  samplers.clear();
}
