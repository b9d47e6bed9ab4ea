import "server-only";
import type { Redis } from "ioredis";
import { DEFAULT_QUEUE, queueInfo, SEP, splitSubQueue } from "@/lib/apps/celery";
import { readCeleryMessage } from "@/lib/apps/celery-message";
import { Budget, PAGE_ITEM_LIMITS } from "@/lib/decode/node";
import type { AppInfo } from "@/lib/schemas/apps";
import type { CeleryQueue } from "@/lib/schemas/celery";
import { type KeyedCommand, keyedPipeline } from "./keyed-pipeline";
import { scanKeys } from "./scan";
import { type RedisTarget, targetFor } from "./target";

// Celery's queues straight from the broker's Redis (docs/celery.md). Queues come from the
// `_kombu.binding.*` sets (members `routing_key\x06\x16pattern\x06\x16queue`) and from keys
// named `<queue>\x06\x16<step>` (priority sub-queues), both found by bounded SCANs; every
// length is asked for in one pipeline (Flower PR #1493: 10k queues × 4 steps were 40k
// sequential LLENs, 30–60 s). A queue's length counts every priority step (Flower #439/#928).
// kombu's `global_keyprefix` is not followed (Flower #1254): prefixed keys are not found.

/** kombu's default priority_steps: step 0 is the plain list. Always asked for, found or not. */
export const DEFAULT_STEPS = [0, 3, 6, 9];
/** The wall time both key scans may take together, and the cap on what they collect. */
const SCAN_BUDGET_MS = 1000;
const MAX_KEYS = 20_000;
/** Binding members read (SSCAN) across all bindings. */
const MAX_MEMBERS = 50_000;
/** Queues whose next and last message are read and summarised. */
const SUMMARISED_QUEUES = 100;
// Fanout exchanges: their "queues" are workers' control and event plumbing, not task queues.
const PLUMBING = (exchange: string) => exchange === "celeryev" || exchange.endsWith(".pidbox");

const utf8 = new TextDecoder("utf-8", { fatal: true });
const textOr = (b: Buffer): string | undefined => {
  try {
    return utf8.decode(b);
  } catch {
    return undefined;
  }
};

/** Glob-escapes bytes for SCAN/SSCAN MATCH. */
export function globEscape(b: Buffer): Buffer {
  const out: number[] = [];
  for (const c of b) {
    if (c === 0x2a || c === 0x3f || c === 0x5b || c === 0x5d || c === 0x5c) out.push(0x5c);
    out.push(c);
  }
  return Buffer.from(out);
}

type Scan = { keys: Buffer[]; capped: boolean };

/** The keys matching `match`, by bounded SCAN steps (the shared scan helper: paced, queued). */
async function scanAll(connId: string, db: number, match: Buffer, deadline: number): Promise<Scan> {
  const keys: Buffer[] = [];
  let cursor = "0";
  do {
    const page = await scanKeys(connId, db, { cursor, match, count: 1000, meta: false });
    for (const k of page.keys) keys.push(k);
    cursor = page.cursor;
  } while (cursor !== "0" && keys.length < MAX_KEYS && Date.now() < deadline);
  return { keys, capped: cursor !== "0" };
}

/**
 * The queues the binding sets name: SSCAN steps of every set in one pipeline per round (one
 * round for sets under 1,000 members, as bindings are), at most `max` members in all.
 */
async function boundQueues(target: RedisTarget, keys: Buffer[], max: number) {
  const queues: string[] = [];
  let read = 0;
  let open = keys.map((key) => ({ key, cursor: "0" }));
  while (open.length > 0 && read < max) {
    const replies = await keyedPipeline(
      target,
      open.map((o): KeyedCommand => ["SSCAN", o.key, o.cursor, "COUNT", 1000]),
    );
    const next: typeof open = [];
    for (const [i, [err, reply]] of replies.entries()) {
      if (err) continue; // not a set
      const [cursor, members] = reply as [Buffer, Buffer[]];
      for (const m of members) {
        read++;
        const queue = textOr(m)?.split(SEP)[2];
        if (queue) queues.push(queue);
      }
      if (cursor.toString() !== "0")
        next.push({ key: open[i]?.key as Buffer, cursor: cursor.toString() });
    }
    open = next;
  }
  return { queues, capped: open.length > 0 };
}

export type QueueSteps = Map<string, Set<number>>;

/** Every queue name (bound or seen) with the priority steps to count for it. */
async function findQueues(connId: string, db: number, target: RedisTarget) {
  const deadline = Date.now() + SCAN_BUDGET_MS;
  const [bindings, subs] = [
    await scanAll(connId, db, Buffer.from("_kombu.binding.*"), deadline),
    await scanAll(connId, db, Buffer.from(`*${SEP}*`, "latin1"), deadline),
  ];
  const steps: QueueSteps = new Map();
  const bound = new Set<string>();
  const add = (q: string, step?: number) => {
    const s = steps.get(q) ?? new Set(DEFAULT_STEPS);
    steps.set(q, s);
    if (step !== undefined) s.add(step);
  };
  const tasks = bindings.keys.filter((key) => {
    const exchange = textOr(key)?.slice("_kombu.binding.".length);
    return exchange !== undefined && !PLUMBING(exchange);
  });
  const members = await boundQueues(target, tasks, MAX_MEMBERS);
  for (const q of members.queues) {
    bound.add(q);
    add(q);
  }
  for (const key of subs.keys) {
    const text = textOr(key);
    const sub = text === undefined ? undefined : splitSubQueue(text);
    if (sub) add(sub.queue, sub.priority);
  }
  add(DEFAULT_QUEUE);
  const capped = [
    bindings.capped && "bindings",
    subs.capped && "priority sub-queues",
    members.capped && "binding members",
  ].filter(Boolean);
  return { steps, bound, capped: capped as string[] };
}

export const subQueueKey = (queue: string, step: number): Buffer =>
  Buffer.from(step === 0 ? queue : `${queue}${SEP}${step}`, "utf8");

/** The queues, their lengths (one pipeline), and the next and last message of the first 100. */
export async function celeryOverview(connId: string, db: number) {
  // Each queue key, sub-queue and binding set may live on a different master of a cluster:
  // every read goes by key (keyedPipeline), and the scans walk every master (scanKeys).
  const target = targetFor(connId, db);
  const { steps, bound, capped } = await findQueues(connId, db, target);
  const names = [...steps.keys()];
  const plan: { queue: string; step: number; key: Buffer }[] = [];
  for (const q of names)
    for (const step of [...(steps.get(q) ?? [])].sort((a, b) => a - b))
      plan.push({ queue: q, step, key: subQueueKey(q, step) });
  const replies = await keyedPipeline(target, [
    ...plan.map((p): KeyedCommand => ["LLEN", p.key]),
    ["HLEN", Buffer.from("unacked")],
  ]);
  // A key of another type (WRONGTYPE) counts as no messages: it is not a kombu list.
  const lengthAt = (i: number) => (replies[i]?.[0] ? 0 : Number(replies[i]?.[1] ?? 0));
  const unacked = lengthAt(plan.length);
  const queues = new Map<string, CeleryQueue>();
  plan.forEach((p, i) => {
    const length = lengthAt(i);
    let q = queues.get(p.queue);
    if (!q) {
      q = {
        name: p.queue,
        length: 0,
        subqueues: [],
        oldest: null,
        newest: null,
        bound: bound.has(p.queue),
      };
      queues.set(p.queue, q);
    }
    q.length += length;
    if (length > 0 || p.step === 0) q.subqueues.push({ key: p.key, priority: p.step, length });
  });
  // The default queue's name alone is evidence enough, but only once it holds something.
  const list = [...queues.values()].filter((q) => q.bound || q.length > 0);
  list.sort((a, b) => b.length - a.length || a.name.localeCompare(b.name));
  await summarise(target, list.slice(0, SUMMARISED_QUEUES));
  return {
    queues: list,
    unacked,
    ...(capped.length > 0 && {
      capped: `the scan for ${capped.join(" and ")} stopped at its limit (${SCAN_BUDGET_MS} ms or ${MAX_KEYS} keys): queues or priority steps other than ${DEFAULT_STEPS.join(", ")} may be missing`,
    }),
  };
}

async function brief(bytes: Buffer | null) {
  if (!bytes) return null;
  const t = await readCeleryMessage(bytes, new Budget(PAGE_ITEM_LIMITS), { body: false });
  return t ? { task: t.task, id: t.id, eta: t.eta } : { task: null, id: null, eta: null };
}

/** Each queue's next message (tail of its first non-empty step) and the newest there (head). */
async function summarise(target: RedisTarget, queues: CeleryQueue[]): Promise<void> {
  const firsts = queues.map((q) => q.subqueues.find((s) => s.length > 0));
  const commands: KeyedCommand[] = [];
  for (const s of firsts) if (s) commands.push(["LINDEX", s.key, -1], ["LINDEX", s.key, 0]);
  const replies = await keyedPipeline(target, commands);
  let at = 0;
  for (const [i, q] of queues.entries()) {
    if (!firsts[i]) continue;
    const tail = replies[at++]?.[1] as Buffer | null;
    const head = replies[at++]?.[1] as Buffer | null;
    q.oldest = await brief(tail);
    q.newest = await brief(head);
  }
}

/** The priority steps of one queue that hold messages, in the order workers take them. */
export async function queueSteps(connId: string, db: number, queue: string) {
  const deadline = Date.now() + SCAN_BUDGET_MS;
  const scan = await scanAll(
    connId,
    db,
    Buffer.concat([globEscape(Buffer.from(queue)), Buffer.from(`${SEP}*`, "latin1")]),
    deadline,
  );
  const steps = new Set(DEFAULT_STEPS);
  for (const key of scan.keys) {
    const sub = splitSubQueue(textOr(key) ?? "");
    if (sub && sub.queue === queue) steps.add(sub.priority);
  }
  const ordered = [...steps].sort((a, b) => a - b);
  const replies = await keyedPipeline(
    targetFor(connId, db),
    ordered.map((step): KeyedCommand => ["LLEN", subQueueKey(queue, step)]),
  );
  return ordered.map((step, i) => ({
    step,
    key: subQueueKey(queue, step),
    length: replies[i]?.[0] ? 0 : Number(replies[i]?.[1] ?? 0),
  }));
}

/**
 * GET …/key's `app` for a list no recogniser claims: a Celery queue when a binding names it.
 * Celery's default routing binds queue X to exchange X, so `_kombu.binding.<name>` is asked
 * first, then the default exchange's set; one SSCAN step each (binding sets are small).
 */
export async function boundQueueApp(client: Redis, key: Buffer): Promise<AppInfo | undefined> {
  const name = textOr(key);
  if (name === undefined || name.length > 512) return undefined;
  const match = Buffer.concat([Buffer.from(`*${SEP}`, "latin1"), globEscape(key)]);
  const sets = [
    Buffer.from(`_kombu.binding.${name}`),
    Buffer.from(`_kombu.binding.${DEFAULT_QUEUE}`),
  ];
  const pipeline = client.pipeline();
  for (const s of sets)
    pipeline.sscanBuffer(s, "0", "MATCH", match as unknown as string, "COUNT", 1000);
  const replies = (await pipeline.exec()) ?? [];
  for (const [i, [err, reply]] of replies.entries()) {
    if (err) continue;
    const members = (reply as [Buffer, Buffer[]])[1];
    if (members.some((m) => textOr(m)?.split(SEP)[2] === name))
      return queueInfo(name, `bound in ${textOr(sets[i] as Buffer)}`);
  }
  return undefined;
}
