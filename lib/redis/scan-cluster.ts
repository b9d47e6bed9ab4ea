import "server-only";
import type { Redis } from "ioredis";
import { sharedClient } from "./client";
import {
  type ClusterWalk,
  decodeClusterWalk,
  encodeClusterWalk,
  nextMaster,
  rangesText,
  setText,
  slotSet,
} from "./cluster-cursor";
import { clusterLayout, layoutIsStale } from "./cluster-layout";
import {
  dbsizeOf,
  queuedScanStep,
  type ScanPage,
  type ScanRequest,
  scanBudgetMs,
  scanCountPerCall,
} from "./scan";
import { paceFor } from "./scan-pace";
import { keySlot } from "./slot";

// One page of a cluster-wide key walk: the masters one after another, in the layout's order,
// behind the cursor of cluster-cursor.ts (which says how a failover mid-walk is handled).

export async function computeClusterPage(connId: string, req: ScanRequest): Promise<ScanPage> {
  let layout = await clusterLayout(connId);
  const clientOf = (addr: string): Promise<Redis> => sharedClient(connId, 0, addr);
  const masters = await Promise.all(layout.masters.map((m) => clientOf(m.addr)));
  const dbsize = dbsizeOf(masters);
  dbsize.catch(() => {});
  let walk = decodeClusterWalk(req.cursor);
  const done = slotSet(walk?.done ?? "");
  let restarted: string | undefined;
  const start = (): ClusterWalk | null => {
    const m = nextMaster(layout, done);
    return m ? { node: m.id, cursor: "0", owned: rangesText(m.slots), done: setText(done) } : null;
  };
  if (walk === null) walk = start();
  const keys: Buffer[] = [];
  const types: string[] | null = req.meta ? [] : null;
  const ttls: number[] | null = req.meta ? [] : null;
  const started = Date.now();
  const pace = paceFor(req.meta ? "keys+meta" : "keys", req.match, scanCountPerCall(req));
  while (walk !== null && keys.length < req.count) {
    const current = walk;
    const master = layout.masters.find((m) => m.id === current.node);
    if (!master || rangesText(master.slots) !== current.owned) {
      // The node failed over, left, or gained or lost slots: its part starts again on the
      // slots' current owners, and finished slots stay finished.
      if (current.cursor !== "0")
        restarted = `The cluster changed during the walk (a failover or a resharding): slots ${current.owned} were walked again, so their keys may be listed twice.`;
      layout = await clusterLayout(connId, { fresh: true });
      walk = start();
      continue;
    }
    let step: Awaited<ReturnType<typeof queuedScanStep>>;
    try {
      step = await queuedScanStep(await clientOf(master.addr), current.cursor, req, pace);
    } catch (e) {
      layoutIsStale(connId);
      throw e;
    }
    // Keys of finished slots (met again after a resharding) are not handed out twice.
    const filter = master.slots.some(([a, b]) => done.subarray(a, b + 1).includes(1));
    for (let i = 0; i < step.keys.length; i++) {
      const key = step.keys[i] as Buffer;
      if (filter && done[keySlot(key)]) continue;
      keys.push(key);
      types?.push(step.types?.[i] as string);
      ttls?.push(step.ttls?.[i] as number);
    }
    if (step.next === "0") {
      for (const [a, b] of master.slots) done.fill(1, a, b + 1);
      walk = start();
    } else walk = { ...current, cursor: step.next };
    if (Date.now() - started > scanBudgetMs()) break;
  }
  return {
    cursor: encodeClusterWalk(walk),
    keys,
    types,
    ttls,
    dbsize: await dbsize,
    ...(restarted && { restarted }),
  };
}
