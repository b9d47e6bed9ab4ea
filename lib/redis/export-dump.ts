import "server-only";
import type { Redis } from "ioredis";
import { processState } from "@/lib/process-state";
import type { ExportFile } from "./export-file";
import type { BatchCounts } from "./export-read";
import { runScript, script } from "./scripts";

// One batch of keys as DUMP CSV lines, `<hex key>,<hex DUMP payload>,<PTTL>` (what Another Redis
// Desktop Manager and Tiny RDM exchange). A DUMP payload cannot be read in windows, so it is
// held whole. One script per batch answers every key's PTTL and, for keys MEMORY USAGE puts
// under SMALL_KEY, the payload itself (≤ 1,000 × 16 KiB a batch); bigger keys are dumped one
// at a time after it, so Keyscope holds one big payload at a time, written out as hex in 1 MiB
// slices. Where EVAL is refused, a pipeline of PTTL + MEMORY USAGE, then DUMPs, does the same.

const SMALL_KEY = 16 * 1024;
const HEX_SLICE = 1024 * 1024;

const PTTL_AND_SMALL_DUMPS = script(`
local small = tonumber(ARGV[1])
local ttls, payloads = {}, {}
for i = 2, #ARGV do
  local k = ARGV[i]
  ttls[i - 1] = redis.call('PTTL', k)
  local size = redis.call('MEMORY', 'USAGE', k)
  if size and size <= small then payloads[i - 1] = redis.call('DUMP', k) or false
  else payloads[i - 1] = false end
end
return {table.concat(ttls, ','), payloads}
`);

const noScripting = processState("exportDump.noScripting", () => new WeakSet<Redis>());

type Reply = [Error | null, unknown];
type Read = { pttls: number[]; payloads: (Buffer | null)[] };

async function writeLine(file: ExportFile, key: Buffer, payload: Buffer, pttl: number) {
  let line = `${key.toString("hex")},`;
  for (let at = 0; at < payload.length; at += HEX_SLICE) {
    line += payload.subarray(at, at + HEX_SLICE).toString("hex");
    if (line.length >= 2 * HEX_SLICE) {
      await file.write(line);
      line = "";
    }
  }
  await file.write(`${line},${pttl}\n`);
}

async function byScript(node: Redis, keys: Buffer[]): Promise<Read | null> {
  if (noScripting.has(node)) return null;
  try {
    const [ttls, payloads] = (await runScript(
      node,
      PTTL_AND_SMALL_DUMPS,
      [],
      [SMALL_KEY, ...keys],
    )) as [Buffer, (Buffer | null)[]];
    return {
      pttls: ttls.toString().split(",").map(Number),
      payloads: keys.map((_, i) => payloads[i] ?? null),
    };
  } catch (e) {
    const message = e instanceof Error ? e.message : "";
    if (!/NOPERM|unknown command|not allowed|scripting|DISABLED|non local key/i.test(message))
      throw e;
    noScripting.add(node);
    return null;
  }
}

async function byPipeline(node: Redis, keys: Buffer[]): Promise<Read> {
  const p = node.pipeline();
  for (const key of keys) {
    p.pttl(key);
    p.call("MEMORY", "USAGE", key);
  }
  const replies = ((await p.exec()) ?? []) as Reply[];
  const pttls: number[] = [];
  const small: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    const [err, pttl] = replies[i * 2] ?? [new Error("missing reply"), null];
    if (err) throw err;
    pttls.push(Number(pttl));
    const size = replies[i * 2 + 1]?.[1];
    if (size !== null && size !== undefined && Number(size) <= SMALL_KEY) small.push(i);
  }
  const payloads: (Buffer | null)[] = keys.map(() => null);
  if (small.length > 0) {
    const d = node.pipeline();
    for (const i of small) d.dumpBuffer(keys[i] as Buffer);
    const dumps = ((await d.exec()) ?? []) as Reply[];
    small.forEach((i, j) => {
      const [err, payload] = dumps[j] ?? [null, null];
      if (err) throw err;
      payloads[i] = Buffer.isBuffer(payload) ? payload : null;
    });
  }
  return { pttls, payloads };
}

export async function dumpBatch(
  node: Redis,
  keys: Buffer[],
  file: ExportFile,
  counts: BatchCounts,
): Promise<void> {
  if (keys.length === 0) return;
  const read = (await byScript(node, keys)) ?? (await byPipeline(node, keys));
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as Buffer;
    const pttl = read.pttls[i] ?? -2;
    // A big key (or one the first read found gone): dumped now, on its own.
    const payload = read.payloads[i] ?? (pttl === -2 ? null : await node.dumpBuffer(key));
    if (!payload) {
      counts.skipped++; // gone since SCAN
      continue;
    }
    await writeLine(file, key, payload, pttl);
    counts.exported++;
    counts.lines++;
  }
}
