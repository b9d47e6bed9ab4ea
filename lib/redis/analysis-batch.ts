import "server-only";
import type { Redis } from "ioredis";
import { processState } from "@/lib/process-state";
import type { KeySample } from "@/lib/schemas/analysis";
import { runScript, script } from "./scripts";

// What a memory analysis reads of each key: TYPE, OBJECT ENCODING, MEMORY USAGE … SAMPLES n,
// PTTL and the length by type, for a batch of keys in ONE server-side script (one round trip,
// one short atomic step), or — where scripting is refused (ACL -@scripting, managed services) —
// by two pipelined round trips of the same commands. Keys stay bytes throughout.
//
// Two ways in: `scanBatch` runs SCAN inside the script too (full mode: the keys are read where
// they are, and come back once), `keysBatch` takes the keys as ARGV (sample mode: RANDOMKEY's).
// The script answers one joined string per field: parsing five bulk strings costs Node far less
// than parsing 5 × COUNT replies (the same trade as lib/redis/scan-script.mjs).
//
// The script also answers how long it held Redis (TIME at its start and end, µs): the job's
// pacing (analysis.ts) budgets exactly that, whatever Node's own delays add to the round trip.
//
// MEMORY refused (an ACL, ElastiCache Serverless) is not an error: the key's memoryBytes is null
// (the report counts it as `unsized`); the script stops asking after the first refusal.

const READ_KEYS = script(`
local call, pcall = redis.call, redis.pcall
local t0 = call('TIME')
local keys = {}
for i = 4, #ARGV do keys[#keys + 1] = ARGV[i] end
local cursor = ''
if ARGV[2] ~= '' then
  local r = call('SCAN', ARGV[2], 'COUNT', ARGV[3])
  cursor, keys = r[1], r[2]
end
local lengthOf = {string = 'STRLEN', list = 'LLEN', hash = 'HLEN', set = 'SCARD', zset = 'ZCARD', stream = 'XLEN'}
local memory = true
local types, encs, mems, ttls, lens = {}, {}, {}, {}, {}
for i = 1, #keys do
  local k = keys[i]
  local t = call('TYPE', k).ok
  types[i], encs[i], mems[i], lens[i] = t, '', '', ''
  ttls[i] = -2
  if t ~= 'none' then
    local e = pcall('OBJECT', 'ENCODING', k)
    if type(e) == 'string' then encs[i] = e end
    if memory then
      local m = pcall('MEMORY', 'USAGE', k, 'SAMPLES', ARGV[1])
      if type(m) == 'number' then mems[i] = m elseif type(m) == 'table' and m.err then memory = false end
    end
    ttls[i] = call('PTTL', k)
    local c = lengthOf[t]
    if c then lens[i] = call(c, k) end
  end
end
if ARGV[2] == '' then keys = {} end
local t1 = call('TIME')
local us = (t1[1] - t0[1]) * 1000000 + (t1[2] - t0[2])
return {cursor, keys, table.concat(types, ','), table.concat(encs, ','), table.concat(mems, ','), table.concat(ttls, ','), table.concat(lens, ','), us}
`);

const LENGTH_COMMAND: Record<string, string> = {
  string: "STRLEN",
  list: "LLEN",
  hash: "HLEN",
  set: "SCARD",
  zset: "ZCARD",
  stream: "XLEN",
};

// Nodes that refused EVAL: they get pipelines from then on (like bulk-steps.ts's).
const noScripting = processState("analysis.noScripting", () => new WeakSet<Redis>());

function refusesScripts(e: unknown): boolean {
  const message = e instanceof Error ? e.message : "";
  return /NOPERM|unknown command|not allowed|scripting|DISABLED/i.test(message);
}

const numberOrNull = (s: string | undefined) => (s === undefined || s === "" ? null : Number(s));

/** The script's joined answer as samples; keys that went away mid-run (type none) are left out. */
function samplesOf(keys: Buffer[], fields: Buffer[]): KeySample[] {
  const [types, encs, mems, ttls, lens] = fields
    .slice(0, 5)
    .map((f) => f.toString("latin1").split(","));
  const out: KeySample[] = [];
  for (let i = 0; i < keys.length; i++) {
    const type = types?.[i] ?? "none";
    if (type === "none") continue;
    out.push({
      key: keys[i] as Buffer,
      type,
      encoding: encs?.[i] || null,
      memoryBytes: numberOrNull(mems?.[i]),
      length: numberOrNull(lens?.[i]),
      ttlMs: Number(ttls?.[i] ?? -1),
    });
  }
  return out;
}

export type Batch = {
  samples: KeySample[];
  /** How long Redis was held: the script's own time, or the pipeline's round trip(s), ms. */
  redisMs: number;
};
export type ScanBatch = Batch & { cursor: string; keysSeen: number };

const scriptMs = (us: unknown) => Number(us) / 1000;

/** One SCAN step (COUNT `count`) from `cursor` and every found key's figures. */
export async function scanBatch(
  node: Redis,
  cursor: string,
  count: number,
  memorySamples: number,
): Promise<ScanBatch> {
  if (!noScripting.has(node)) {
    try {
      const reply = (await runScript(node, READ_KEYS, [], [memorySamples, cursor, count])) as [
        Buffer,
        Buffer[],
        ...Buffer[],
      ];
      const [next, keys, ...fields] = reply;
      return {
        cursor: next.toString(),
        samples: samplesOf(keys, fields),
        keysSeen: keys.length,
        redisMs: scriptMs(fields[5]),
      };
    } catch (e) {
      if (!refusesScripts(e)) throw e;
      noScripting.add(node);
    }
  }
  const started = performance.now();
  const [next, keys] = (await node.callBuffer("SCAN", cursor, "COUNT", count)) as [
    Buffer,
    Buffer[],
  ];
  return {
    cursor: next.toString(),
    samples: await pipelinedSamples(node, keys, memorySamples),
    keysSeen: keys.length,
    redisMs: performance.now() - started,
  };
}

/** The figures of the given keys (sample mode). */
export async function keysBatch(
  node: Redis,
  keys: Buffer[],
  memorySamples: number,
): Promise<Batch> {
  if (keys.length === 0) return { samples: [], redisMs: 0 };
  if (!noScripting.has(node)) {
    try {
      // The keys go as ARGV, not KEYS: a cluster node refuses declared keys of several slots
      // (CROSSSLOT), and RANDOMKEY's keys are all local to the node, which it allows.
      const args = [memorySamples, "", 0, ...keys];
      const reply = (await runScript(node, READ_KEYS, [], args)) as Buffer[];
      return { samples: samplesOf(keys, reply.slice(2)), redisMs: scriptMs(reply[7]) };
    } catch (e) {
      if (!refusesScripts(e)) throw e;
      noScripting.add(node);
    }
  }
  const started = performance.now();
  const samples = await pipelinedSamples(node, keys, memorySamples);
  return { samples, redisMs: performance.now() - started };
}

/** `count` RANDOMKEY answers in one pipeline (null ones, on an empty db, left out). */
export async function randomKeys(node: Redis, count: number): Promise<Buffer[]> {
  const p = node.pipeline();
  for (let i = 0; i < count; i++) p.callBuffer("RANDOMKEY");
  const replies = (await p.exec()) ?? [];
  const keys: Buffer[] = [];
  for (const [err, key] of replies) {
    if (err) throw err;
    if (Buffer.isBuffer(key)) keys.push(key);
  }
  return keys;
}

/**
 * The script's commands by pipeline: TYPE, OBJECT ENCODING, MEMORY USAGE and PTTL of each key in
 * one round trip, then the lengths (which need the type) in a second.
 */
async function pipelinedSamples(
  node: Redis,
  keys: Buffer[],
  memorySamples: number,
): Promise<KeySample[]> {
  if (keys.length === 0) return [];
  const first = node.pipeline();
  for (const k of keys) {
    first.type(k);
    first.object("ENCODING", k);
    first.call("MEMORY", "USAGE", k, "SAMPLES", memorySamples);
    first.pttl(k);
  }
  const replies = (await first.exec()) ?? [];
  const at = (i: number) => replies[i] ?? [null, null];
  const samples: KeySample[] = [];
  const second = node.pipeline();
  keys.forEach((key, i) => {
    const [typeErr, type] = at(4 * i);
    if (typeErr) throw typeErr;
    if (type === "none") return; // gone since SCAN / RANDOMKEY found it
    const [, encoding] = at(4 * i + 1);
    const [, memory] = at(4 * i + 2); // refused (NOPERM) or gone: null
    const [, pttl] = at(4 * i + 3);
    const t = String(type);
    const lengthCommand = LENGTH_COMMAND[t];
    if (lengthCommand) second.call(lengthCommand, key);
    samples.push({
      key,
      type: t,
      encoding: typeof encoding === "string" ? encoding : null,
      memoryBytes: typeof memory === "number" ? memory : null,
      length: lengthCommand ? 0 : null, // filled from the second round trip
      ttlMs: typeof pttl === "number" ? pttl : -1,
    });
  });
  const lengths = (await second.exec()) ?? [];
  let j = 0;
  for (const s of samples) {
    if (s.length === null) continue;
    const [err, n] = lengths[j++] ?? [null, null];
    s.length = err || typeof n !== "number" ? null : n;
  }
  return samples;
}
