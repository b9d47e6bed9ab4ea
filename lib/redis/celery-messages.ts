import "server-only";
import {
  type CeleryTask,
  readCeleryMessage,
  renderPart,
  resultOf,
} from "@/lib/apps/celery-message";
import { decodeJson } from "@/lib/decode/json";
import { Budget, type DNode, PAGE_ITEM_LIMITS } from "@/lib/decode/node";
import { decodeBytes } from "@/lib/decode/registry";
import { renderText } from "@/lib/decode/render";
import type { CeleryTaskShown } from "@/lib/schemas/celery";
import type { RenderStyle } from "@/lib/schemas/decode";
import { queueSteps } from "./celery";
import { type KeyedCommand, keyedPipeline } from "./keyed-pipeline";
import { scanKeys } from "./scan";
import { targetFor } from "./target";

// A queue's messages, the in-flight ones and the results (docs/celery.md), each a bounded
// window: LRANGE windows of at most 500 across the priority steps, ZRANGE on unacked_index
// with HMGET of those tags, one SCAN page of results with their first 256 KiB each
// (a longer document is listed as truncated, unread).

/** Messages decoded in one answer stop after this; the rest come back undecoded, and say so. */
const DECODE_MS = 1000;
const RESULT_READ_MAX = 256 * 1024;
const PART_MAX = 4000;

type Shown = CeleryTaskShown;

function shownOf(raw: Buffer, t: CeleryTask | undefined, error?: string): Shown {
  if (!t)
    return {
      ...{ task: null, id: null, args: null, kwargs: null, eta: null, expires: null },
      ...{ retries: null, priority: null, origin: null, contentType: null },
      error: error ?? "not a Celery message",
      raw,
    };
  return {
    task: t.task,
    id: t.id,
    args: renderPart(t.args, t.style, PART_MAX),
    kwargs: renderPart(t.kwargs, t.style, PART_MAX),
    eta: t.eta,
    expires: t.expires,
    retries: t.retries,
    priority: t.priority,
    origin: t.origin,
    contentType: t.contentType,
    ...(t.bodyError && { error: t.bodyError }),
    raw,
  };
}

/** Decodes messages until the answer's time is up; later ones are sent raw with a reason. */
function decoder() {
  const deadline = performance.now() + DECODE_MS;
  return async (raw: Buffer): Promise<Shown> => {
    if (performance.now() > deadline)
      return shownOf(raw, undefined, "not decoded: the page's decode time was up");
    return shownOf(raw, await readCeleryMessage(raw, new Budget(PAGE_ITEM_LIMITS)));
  };
}

/** Messages `offset`… of a queue in the order workers take them: step 0 first, each from its tail. */
export async function queueMessages(
  connId: string,
  db: number,
  queue: string,
  offset: number,
  count: number,
) {
  const steps = await queueSteps(connId, db, queue);
  const total = steps.reduce((n, s) => n + s.length, 0);
  const windows: { step: number; key: Buffer; from: number; to: number }[] = [];
  let skip = offset;
  let want = count;
  for (const s of steps) {
    if (want <= 0) break;
    if (skip >= s.length) {
      skip -= s.length;
      continue;
    }
    const take = Math.min(want, s.length - skip);
    // kombu LPUSHes and BRPOPs: the next message is at index -1.
    windows.push({ step: s.step, key: s.key, from: -(skip + take), to: -(skip + 1) });
    want -= take;
    skip = 0;
  }
  // The steps are keys of their own: on a cluster each is read from its own master.
  const replies = await keyedPipeline(
    targetFor(connId, db),
    windows.map((w): KeyedCommand => ["LRANGE", w.key, w.from, w.to]),
  );
  const decode = decoder();
  const messages = [];
  for (const [i, w] of windows.entries()) {
    const items = ((replies[i]?.[1] as Buffer[] | undefined) ?? []).slice().reverse();
    for (const raw of items)
      messages.push({ ...(await decode(raw)), subqueue: w.key, step: w.step });
  }
  return { queue, total, offset, messages };
}

/** In-flight messages, the longest-held first (unacked_index), with their age. */
export async function unackedMessages(connId: string, db: number, offset: number, count: number) {
  const client = await targetFor(connId, db).forKey(Buffer.from("unacked"));
  const [[, total], [, index]] = ((await client
    .pipeline()
    .hlen("unacked")
    .zrangeBuffer("unacked_index", String(offset), String(offset + count - 1), "WITHSCORES")
    .exec()) ?? []) as [[unknown, number], [unknown, Buffer[]]];
  const tags: { tag: Buffer; since: number | null }[] = [];
  for (let i = 0; i + 1 < (index ?? []).length; i += 2)
    tags.push({ tag: index[i] as Buffer, since: Number((index[i + 1] as Buffer).toString()) });
  // An index that lags the hash (or was lost) still leaves the hash: one bounded HSCAN step.
  if (tags.length === 0 && offset === 0 && Number(total) > 0) {
    const [, found] = (await client.hscanBuffer("unacked", "0", "COUNT", String(count))) as [
      Buffer,
      Buffer[],
    ];
    for (let i = 0; i < found.length && tags.length < count; i += 2)
      tags.push({ tag: found[i] as Buffer, since: null });
  }
  const values = tags.length
    ? ((await client.hmgetBuffer("unacked", ...tags.map((t) => t.tag))) as (Buffer | null)[])
    : [];
  const now = Date.now() / 1000;
  const decode = decoder();
  const messages = [];
  for (const [i, t] of tags.entries()) {
    const raw = values[i];
    if (!raw) continue; // acked between the two reads
    const budget = new Budget(PAGE_ITEM_LIMITS);
    const task = await readCeleryMessage(raw, budget);
    const shown = task ? shownOf(raw, task) : await decode(raw);
    messages.push({
      ...shown,
      tag: t.tag,
      since: t.since,
      ageSeconds: t.since === null ? null : Math.max(0, Math.round(now - t.since)),
      exchange: task?.exchange ?? null,
      routingKey: task?.routingKey ?? null,
    });
  }
  return { total: Number(total ?? 0), offset, messages };
}

/** A result document's tree: JSON (Celery's default result_serializer) or a pickle. */
async function resultDocument(
  bytes: Buffer,
): Promise<{ tree: DNode; style: RenderStyle } | undefined> {
  const budget = new Budget(PAGE_ITEM_LIMITS);
  try {
    if (bytes[0] !== 0x80) return { tree: decodeJson(bytes, budget), style: "json" };
  } catch {
    return undefined; // not JSON (a cut document, or another serializer)
  }
  const d = await decodeBytes(bytes, { format: "pickle" }, { limits: PAGE_ITEM_LIMITS });
  return d?.tree && !d.error ? { tree: d.tree, style: "python" } : undefined;
}

/** One SCAN page of `celery-task-meta-*` with each document read (its first 256 KiB). */
export async function celeryResults(connId: string, db: number, cursor: string, count: number) {
  const page = await scanKeys(connId, db, {
    cursor,
    match: Buffer.from("celery-task-meta-*"),
    count,
    meta: false,
  });
  // The page's keys come from every master: each is read from the master of its slot.
  const replies = await keyedPipeline(
    targetFor(connId, db),
    page.keys.flatMap((key): KeyedCommand[] => [
      ["STRLEN", key],
      ["GETRANGE", key, 0, RESULT_READ_MAX - 1],
    ]),
  );
  const results = [];
  for (const [i, key] of page.keys.entries()) {
    const length = Number(replies[2 * i]?.[1] ?? 0);
    const bytes = replies[2 * i + 1]?.[1] as Buffer | undefined;
    const base = {
      key,
      ...{ taskId: null, status: null, dateDone: null, name: null },
      ...{ error: null, result: null, traceback: null },
    };
    if (replies[2 * i + 1]?.[0] || !bytes) {
      results.push({ ...base, truncated: false }); // not a string
      continue;
    }
    const truncated = length > bytes.length;
    const read = truncated ? undefined : await resultDocument(bytes);
    const doc = read && resultOf(read.tree);
    if (!read || !doc) {
      results.push({ ...base, truncated });
      continue;
    }
    results.push({
      key,
      taskId: doc.taskId,
      status: doc.status,
      dateDone: doc.dateDone,
      name: doc.name,
      error: doc.error,
      result: doc.result ? renderText(doc.result, read.style, PART_MAX).text : null,
      traceback: doc.traceback,
      truncated,
    });
  }
  return { cursor: page.cursor, results };
}
