import "server-only";
import type { Redis } from "ioredis";
import { config } from "@/lib/config";
import { processState } from "@/lib/process-state";
import { advance, decodeCursor, encodeCursor, type NodeCursor } from "./cursor";
import { computeClusterPage } from "./scan-cluster";
import { type Pace, pacedStep, paceFor } from "./scan-pace";
import { prefetch, takePrefetched } from "./scan-prefetch";
import { SCAN_WITH_META_LUA } from "./scan-script.mjs";
import { runScript, script } from "./scripts";
import { assertServerType } from "./server-types";
import { targetFor } from "./target";
import { ttlSeconds } from "./ttl-math";

export type ScanRequest = {
  cursor?: string;
  match?: Buffer;
  type?: string;
  /** A hint of how many keys to return, as SCAN's COUNT is. */
  count: number;
  /** Fetch each key's type and TTL (false: names only, for fast walks). */
  meta: boolean;
};

/**
 * A page as columns, not an object per key (a 5,000-key page is written straight to JSON by
 * lib/api/keys-page-json.ts): `types[i]` and `ttls[i]` belong to `keys[i]`; null for names only.
 */
export type ScanPage = {
  cursor: string;
  keys: Buffer[];
  types: string[] | null;
  ttls: number[] | null;
  dbsize: number;
  /** Cluster: part of the walk started again after the cluster changed (cluster-cursor.ts). */
  restarted?: string;
};

// A request stops after KEYSCOPE_SCAN_BUDGET_MS (default 150 ms) even if it found fewer keys
// than asked for, so a filter that matches nothing on 10M keys answers with an empty page and a
// cursor to continue, not a spin. 150 ms covers roughly 300k examined keys on a laptop-class
// machine; tests shrink it to reach "not done yet" on small data.
export const scanBudgetMs = () => config().scanBudgetMs;

// SCAN examines about COUNT buckets per call. With type and TTL, one call runs as a Lua
// script that holds Redis for its whole batch: 1,000 keys take about 1.5 ms of Redis time
// (TYPE ≈ 1 µs and PTTL ≈ 0.4 µs each, measured with INFO commandstats), so batches stay
// at 1,000 and a bigger page is several calls. With a filter most keys are thrown away, so
// ask for more per call: 10k buckets of names-only SCAN also take about 1–2 ms.
const META_BATCH = 1000;

export function scanCountPerCall(req: ScanRequest): number {
  const filtered = Boolean(req.match || req.type);
  if (req.meta) return filtered ? 2 * META_BATCH : Math.min(req.count, META_BATCH);
  return filtered ? Math.min(Math.max(req.count * 4, 1000), 10_000) : req.count;
}

// One SCAN step plus TYPE and PTTL of every key it found (the Lua, and why, in scan-script.mjs).
const SCAN_WITH_META = script(SCAN_WITH_META_LUA);

// Servers where EVAL is refused (ACL, managed services) get the pipelined fallback.
const noScripting = processState("scan.noScripting", () => new WeakSet<Redis>());

type Step = { next: string; keys: Buffer[]; types?: string[]; ttls?: number[] };

function scanArgs(cursor: string, req: ScanRequest, count: number): (string | Buffer | number)[] {
  const args: (string | Buffer | number)[] = [cursor, "COUNT", count];
  if (req.match) args.push("MATCH", req.match);
  if (req.type) args.push("TYPE", req.type);
  return args;
}

async function scanNamesStep(
  client: Redis,
  cursor: string,
  req: ScanRequest,
  count: number,
): Promise<Step> {
  const [next, keys] = (await client.callBuffer("SCAN", ...scanArgs(cursor, req, count))) as [
    Buffer,
    Buffer[],
  ];
  return { next: next.toString(), keys };
}

function withMeta(next: string, keys: Buffer[], types: string[], pttls: number[]): Step {
  const step = { next, keys: [] as Buffer[], types: [] as string[], ttls: [] as number[] };
  for (let i = 0; i < keys.length; i++) {
    const type = types[i] ?? "none";
    // "none": the key expired or was deleted between SCAN and TYPE.
    if (type === "none") continue;
    step.keys.push(keys[i] as Buffer);
    step.types.push(type);
    step.ttls.push(ttlSeconds(pttls[i] ?? -2));
  }
  return step;
}

async function scanMetaByScript(
  client: Redis,
  cursor: string,
  req: ScanRequest,
  count: number,
): Promise<Step> {
  const reply = (await runScript(
    client,
    SCAN_WITH_META,
    [],
    [cursor, count, req.match ?? "", req.type ?? ""],
  )) as [Buffer, Buffer[], Buffer, Buffer];
  const [next, keys, types, ttls] = reply;
  if (keys.length === 0) return { next: next.toString(), keys: [] };
  return withMeta(
    next.toString(),
    keys,
    types.toString().split(","),
    ttls.toString().split(",").map(Number),
  );
}

async function scanMetaByPipeline(
  client: Redis,
  cursor: string,
  req: ScanRequest,
  count: number,
): Promise<Step> {
  const step = await scanNamesStep(client, cursor, req, count);
  if (step.keys.length === 0) return step;
  const pipeline = client.pipeline();
  for (const key of step.keys) pipeline.type(key).pttl(key);
  const replies = (await pipeline.exec()) ?? [];
  const types: string[] = [];
  const pttls: number[] = [];
  for (let i = 0; i < step.keys.length; i++) {
    const [typeErr, type] = replies[2 * i] ?? [];
    const [ttlErr, pttl] = replies[2 * i + 1] ?? [];
    if (typeErr || ttlErr) throw typeErr ?? ttlErr;
    types.push(String(type));
    pttls.push(Number(pttl));
  }
  return withMeta(step.next, step.keys, types, pttls);
}

async function scanStep(client: Redis, cursor: string, req: ScanRequest, count: number) {
  if (!req.meta) return scanNamesStep(client, cursor, req, count);
  if (noScripting.has(client)) return scanMetaByPipeline(client, cursor, req, count);
  try {
    return await scanMetaByScript(client, cursor, req, count);
  } catch (e) {
    const message = e instanceof Error ? e.message : "";
    if (!/NOPERM|unknown command|not allowed|scripting|DISABLED/i.test(message)) throw e;
    noScripting.add(client);
    return scanMetaByPipeline(client, cursor, req, count);
  }
}

/** One step, in the node's scan queue, at the pace of its pattern (scan-pace.ts). */
export function queuedScanStep(client: Redis, cursor: string, req: ScanRequest, pace: Pace) {
  return pacedStep(client, pace, (count) => scanStep(client, cursor, req, count));
}

export async function dbsizeOf(nodes: Redis[]): Promise<number> {
  const sizes = await Promise.all(nodes.map((n) => n.dbsize()));
  return sizes.reduce((a, b) => a + b, 0);
}

async function computePage(connId: string, db: number, req: ScanRequest): Promise<ScanPage> {
  if (targetFor(connId, db).kind === "cluster") return computeClusterPage(connId, req);
  // Cursors name a master by its place in this list (cursor.ts); a standalone server is node 0.
  const nodes = (await targetFor(connId, db).masters()).map((m) => m.client);
  let at: NodeCursor | null = decodeCursor(req.cursor);
  if (at.node >= nodes.length) at = null;
  const dbsize = dbsizeOf(nodes);
  dbsize.catch(() => {}); // awaited below; this only keeps an early failure from going unhandled
  const keys: Buffer[] = [];
  const types: string[] | null = req.meta ? [] : null;
  const ttls: number[] | null = req.meta ? [] : null;
  const started = Date.now();
  const pace = paceFor(req.meta ? "keys+meta" : "keys", req.match, scanCountPerCall(req));
  while (at !== null && keys.length < req.count) {
    const client = nodes[at.node] as Redis;
    const step = await queuedScanStep(client, at.cursor, req, pace);
    for (let i = 0; i < step.keys.length; i++) {
      keys.push(step.keys[i] as Buffer);
      types?.push(step.types?.[i] as string);
      ttls?.push(step.ttls?.[i] as number);
    }
    at = advance(at, step.next, nodes.length);
    if (Date.now() - started > scanBudgetMs()) break;
  }
  return { cursor: encodeCursor(at), keys, types, ttls, dbsize: await dbsize };
}

/** One bounded step of a keyspace walk: at most `SCAN_BUDGET_MS` of work, then a cursor. */
export async function scanKeys(connId: string, db: number, req: ScanRequest): Promise<ScanPage> {
  if (req.type) await assertServerType(connId, db, req.type);
  const page = (await takePrefetched(connId, db, req)) ?? (await computePage(connId, db, req));
  // A request that continues a cursor is part of a walk ("Load more", "Scan all", a script):
  // start on the next page now, so Redis works while this page travels and is read.
  if (req.cursor && req.cursor !== "0" && page.cursor !== "0") {
    prefetch(connId, db, { ...req, cursor: page.cursor }, () =>
      computePage(connId, db, { ...req, cursor: page.cursor }),
    );
  }
  return page;
}
