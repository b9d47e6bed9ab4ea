import "server-only";
import type { Redis } from "ioredis";
import { pacedStep, paceFor } from "./scan-pace";
import { readTyped } from "./typed-read";

// HSCAN/SSCAN/ZSCAN with the same bounded budget as the key SCAN: keep calling until `count`
// elements or ~100 ms, so a MATCH that hits nothing in a million fields answers promptly
// with a cursor to continue.
const BUDGET_MS = 100;

export type CollectionScan = { cursor: string; items: Buffer[]; length: number };

export async function scanCollection(
  client: Redis,
  key: Buffer,
  spec: {
    type: "hash" | "set" | "zset";
    command: "HSCAN" | "SSCAN" | "ZSCAN";
    lengthCommand: string;
    perElement: 1 | 2;
  },
  req: { cursor: string; count: number; match?: Buffer },
): Promise<CollectionScan> {
  const items: Buffer[] = [];
  let cursor = req.cursor;
  let length = 0;
  const started = Date.now();
  // Without MATCH, COUNT alone paces the walk; with it, ask Redis to look further per call,
  // less far for a costly pattern (scan-pace.ts). Each call waits its turn in the node's scan
  // queue (scan-queue.ts), as key walks do.
  const perCall = req.match ? Math.min(Math.max(req.count * 10, 1000), 10_000) : req.count;
  const pace = paceFor(spec.command, req.match, perCall);
  do {
    const [reply, len] = await pacedStep(client, pace, (count) => {
      const args: (string | number | Buffer)[] = [key, cursor, "COUNT", count];
      if (req.match) args.push("MATCH", req.match);
      return readTyped(client, key, spec.type, [
        [spec.command, ...args],
        [spec.lengthCommand, key],
      ]);
    });
    const [next, found] = reply as [Buffer, Buffer[]];
    for (const item of found) items.push(item);
    cursor = next.toString();
    length = Number(len);
  } while (
    cursor !== "0" &&
    items.length < req.count * spec.perElement &&
    Date.now() - started < BUDGET_MS
  );
  return { cursor, items, length };
}
