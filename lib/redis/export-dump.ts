import "server-only";
import type { Redis } from "ioredis";
import type { ExportFile } from "./export-file";
import type { BatchCounts } from "./export-read";

// One batch of keys as DUMP CSV lines, `<hex key>,<hex DUMP payload>,<PTTL>` (what Another Redis
// Desktop Manager and Tiny RDM exchange). A DUMP payload cannot be read in windows, so it is
// held whole: keys that MEMORY USAGE puts under SMALL_KEY are dumped together in one pipeline
// (at most PIPELINE_BYTES of them), bigger keys one at a time, and a payload is written out as
// hex in 1 MiB slices, so Keyscope holds one big payload at a time, not its hex too.

const SMALL_KEY = 64 * 1024;
const PIPELINE_BYTES = 16 * 1024 * 1024;
const HEX_SLICE = 1024 * 1024;

type Reply = [Error | null, unknown];

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

export async function dumpBatch(
  node: Redis,
  keys: Buffer[],
  file: ExportFile,
  counts: BatchCounts,
): Promise<void> {
  if (keys.length === 0) return;
  const sizing = node.pipeline();
  for (const key of keys) sizing.call("MEMORY", "USAGE", key);
  const sizes = ((await sizing.exec()) as Reply[]).map(([err, v]) =>
    err || v === null ? null : Number(v),
  );
  let group: Buffer[] = [];
  let groupBytes = 0;
  const flush = async () => {
    if (group.length === 0) return;
    const p = node.pipeline();
    for (const key of group) {
      p.pttl(key);
      p.dumpBuffer(key);
    }
    const replies = (await p.exec()) as Reply[];
    for (let i = 0; i < group.length; i++) {
      const [pErr, pttl] = replies[i * 2] ?? [null, null];
      const [dErr, payload] = replies[i * 2 + 1] ?? [null, null];
      if (pErr) throw pErr;
      if (dErr) throw dErr;
      if (!Buffer.isBuffer(payload) || Number(pttl) === -2) {
        counts.skipped++; // gone since SCAN
        continue;
      }
      await writeLine(file, group[i] as Buffer, payload, Number(pttl));
      counts.exported++;
      counts.lines++;
    }
    group = [];
    groupBytes = 0;
  };
  for (let i = 0; i < keys.length; i++) {
    const size = sizes[i];
    if (size === null || size === undefined || Number.isNaN(size)) {
      counts.skipped++; // gone since SCAN (MEMORY USAGE answers nil)
      continue;
    }
    if (size > SMALL_KEY) {
      await flush();
      group = [keys[i] as Buffer];
      await flush();
      continue;
    }
    group.push(keys[i] as Buffer);
    groupBytes += size;
    if (groupBytes >= PIPELINE_BYTES) await flush();
  }
  await flush();
}
