import "server-only";
import type { ChainableCommander, Redis } from "ioredis";
import { processState } from "@/lib/process-state";
import type { BulkAction } from "@/lib/schemas/bulk";
import { type Pace, pacedStep, paceFor } from "./scan-pace";
import { runScript, script } from "./scripts";
import { groupBySlot } from "./slot";

// One step of a bulk walk: SCAN … COUNT (250 by default) and the action on what it found. Two ways:
//  - by script (the default): SCAN and the action in one Lua call, so the keys never leave
//    Redis — no transfer, no parsing, no second round trip; as fast as a
//    client-side SCAN + UNLINK loop, each call holding Redis about as long as one of its commands;
//  - by pipeline, where EVAL is refused (ACLs, managed services): the action on the previous
//    batch and the next SCAN travel in one round trip. Keys stay Buffers throughout.

export type Walk = {
  /** The SCAN cursor to continue from; null once SCAN has answered "0". */
  cursor: string | null;
  /** Keys found but not yet acted on (pipeline steps only). */
  pending: Buffer[];
  /** The COUNT of the next step, for a costly pattern (scan-pace.ts); set by the first step. */
  pace?: Pace;
};

export type StepSpec = {
  action: BulkAction;
  dryRun: boolean;
  match: Buffer;
  type: string | null;
  ttl: number | null;
  count: number;
};

export type StepResult = { matched: number; affected: number; keys: Buffer[] };

// Redis ≥ 5 replicates a script's effects, not the script, so a write after SCAN (whose answer
// differs between master and replica) is allowed; 3.2–4 need replicate_commands() first.
// Large batches are unpacked 1,000 at a time: Lua's stack holds only so many arguments.
const SCAN_AND_ACT = script(`
pcall(redis.replicate_commands)
local args = {ARGV[1], 'MATCH', ARGV[2], 'COUNT', ARGV[3]}
if ARGV[4] ~= '' then table.insert(args, 'TYPE'); table.insert(args, ARGV[4]) end
local r = redis.call('SCAN', unpack(args))
local keys = r[2]
local affected = 0
if ARGV[5] == 'delete' then
  for i = 1, #keys, 1000 do
    affected = affected + redis.call('UNLINK', unpack(keys, i, math.min(i + 999, #keys)))
  end
elseif ARGV[5] == 'expire' then
  for i = 1, #keys do affected = affected + redis.call('EXPIRE', keys[i], ARGV[6]) end
else
  for i = 1, #keys do affected = affected + redis.call('PERSIST', keys[i]) end
end
return {r[1], #keys, affected}
`);

// Nodes that refused EVAL (ACLs, managed services): they get pipeline steps from then on.
const noScripting = processState("bulk.noScripting", () => new WeakSet<Redis>());

function advance(walk: Walk, next: Buffer | string): void {
  const text = next.toString();
  walk.cursor = text === "0" ? null : text;
}

async function scriptStep(node: Redis, walk: Walk, s: StepSpec, count: number) {
  const args = [walk.cursor ?? "0", s.match, count, s.type ?? "", s.action, s.ttl ?? 0];
  const [next, matched, affected] = (await runScript(node, SCAN_AND_ACT, [], args)) as [
    Buffer,
    number,
    number,
  ];
  advance(walk, next);
  return { matched: Number(matched), affected: Number(affected), keys: [] };
}

/** Queues the action for one batch; returns how many replies it adds. */
function queueAction(p: ChainableCommander, s: StepSpec, batch: Buffer[]): number {
  if (s.dryRun || batch.length === 0) return 0;
  if (s.action === "delete") {
    // One UNLINK per slot: on a cluster a multi-key command must not mix slots (CROSSSLOT).
    const groups = groupBySlot(batch);
    for (const { indexes } of groups) p.unlink(...indexes.map((i) => batch[i] as Buffer));
    return groups.length;
  }
  for (const key of batch) {
    if (s.action === "expire") p.expire(key, s.ttl as number);
    else p.persist(key);
  }
  return batch.length;
}

async function pipelineStep(
  node: Redis,
  walk: Walk,
  s: StepSpec,
  count: number,
): Promise<StepResult> {
  const p = node.pipeline();
  const actionReplies = queueAction(p, s, walk.pending);
  const scanning = walk.cursor !== null;
  if (walk.cursor !== null) {
    const args: (string | number | Buffer)[] = [walk.cursor, "MATCH", s.match, "COUNT", count];
    if (s.type) args.push("TYPE", s.type);
    p.callBuffer("SCAN", ...args);
  }
  const replies = (await p.exec()) ?? [];
  let affected = 0;
  for (let i = 0; i < actionReplies; i++) {
    const [err, result] = replies[i] ?? [];
    if (err) throw err;
    affected += Number(result);
  }
  walk.pending = [];
  if (!scanning) return { matched: 0, affected, keys: [] };
  const [err, reply] = replies[actionReplies] ?? [];
  if (err) throw err;
  const [next, keys] = reply as [Buffer, Buffer[]];
  advance(walk, next);
  if (!s.dryRun) walk.pending = keys;
  return { matched: keys.length, affected, keys };
}

// A cluster node refuses the script's UNLINK of keys from several slots ("Script attempted to
// access a non local key", Redis 7.0; CROSSSLOT elsewhere) before it deletes anything, and SCAN
// has no effects, so the same step is simply redone by pipeline, with one UNLINK per slot.
function refusesScripts(e: unknown): boolean {
  const message = e instanceof Error ? e.message : "";
  return /NOPERM|unknown command|not allowed|scripting|DISABLED|non local key|CROSSSLOT/i.test(
    message,
  );
}

/**
 * One step of the walk. Dry runs SCAN only (they need the keys, for the sample). Steps wait their
 * turn in the node's scan queue, at the pace of the pattern (scan-pace.ts), like key walks.
 */
export function bulkStep(node: Redis, walk: Walk, s: StepSpec): Promise<StepResult> {
  walk.pace ??= paceFor("keys", s.match, s.count);
  return pacedStep(node, walk.pace, (count) => unqueuedStep(node, walk, s, count), "always");
}

async function unqueuedStep(node: Redis, walk: Walk, s: StepSpec, count: number) {
  if (!s.dryRun && walk.pending.length === 0 && !noScripting.has(node)) {
    try {
      return await scriptStep(node, walk, s, count);
    } catch (e) {
      if (!refusesScripts(e)) throw e;
      noScripting.add(node);
    }
  }
  return pipelineStep(node, walk, s, count);
}
