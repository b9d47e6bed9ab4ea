import "server-only";
import type { Redis } from "ioredis";
import { processState } from "@/lib/process-state";
import { matchShape } from "@/lib/schemas/match";
import { queuedStep } from "./scan-queue";

// The COUNT of one SCAN-family step for a costly MATCH pattern (one with work after its first
// `*`; lib/schemas/match.ts says why that is what costs). The first step's COUNT comes from the
// pattern: COST_PER_STEP / its tail, i.e. ~300 keys for `*` + `?`×63 + `b`, which held Redis
// ~8 ms on 200-byte keys (Redis 7.0). Key lengths are unknown, so each step is then timed and the
// next COUNT scaled to take about STEP_TARGET_MS (at most doubling, never past the caller's own
// COUNT), and the learned COUNT is kept per pattern for the walk's next request. Patterns with
// nothing after their star (`user:*`) cost what a plain SCAN costs and keep the caller's COUNT.

const COST_PER_STEP = 20_000;
/** Measured from the client: the round trip too, so Redis itself was held less than this. */
const STEP_TARGET_MS = 10;
const MIN_COUNT = 10;
/** Learned COUNTs kept (one per pattern being walked). */
const REMEMBERED = 64;

const learned = processState("scan.pace", () => new Map<string, number>());

export type Pace = {
  /** COUNT for the next step. */
  count: number;
  /** Whether steps are timed and COUNT adapted (a costly pattern). */
  readonly costly: boolean;
  readonly max: number;
  readonly memo: string;
};

const clamp = (n: number, max: number) => Math.max(Math.min(MIN_COUNT, max), Math.min(n, max));

/**
 * The pace of a walk whose steps would use COUNT `max`; `scope` separates what is walked (the
 * keyspace, a collection's members), whose lengths, and so costs, differ.
 */
export function paceFor(scope: string, match: Uint8Array | undefined, max: number): Pace {
  const tail = match ? matchShape(match).tail : 0;
  const memo = tail > 0 ? `${scope}\u0000${Buffer.from(match as Uint8Array).toString("hex")}` : "";
  if (tail === 0) return { count: max, costly: false, max, memo };
  const count = learned.get(memo) ?? Math.floor(COST_PER_STEP / tail);
  return { count: clamp(count, max), costly: true, max, memo };
}

function took(pace: Pace, ms: number): void {
  const scaled = (pace.count * STEP_TARGET_MS) / Math.max(ms, 0.5);
  pace.count = clamp(Math.floor(Math.min(scaled, pace.count * 2)), pace.max);
  learned.delete(pace.memo); // re-inserted last: the map is kept in order of use
  learned.set(pace.memo, pace.count);
  while (learned.size > REMEMBERED) learned.delete(learned.keys().next().value as string);
}

/** One step of COUNT `pace.count`, in the node's scan queue (scan-queue.ts), timed when costly. */
export function pacedStep<T>(
  client: Redis,
  pace: Pace,
  step: (count: number) => Promise<T>,
  wait: "bounded" | "always" = "bounded",
): Promise<T> {
  return queuedStep(
    client,
    async () => {
      const started = performance.now();
      const result = await step(pace.count);
      if (pace.costly) took(pace, performance.now() - started);
      return result;
    },
    wait,
  );
}
