import "server-only";
import type { Redis } from "ioredis";
import { sharedClient } from "./client";
import {
  decodeClusterWalk,
  encodeClusterWalk,
  setText,
  slotSet,
  validParts,
  type WalkPart,
  withNewParts,
} from "./cluster-cursor";
import { type ClusterNode, clusterLayout, layoutIsStale } from "./cluster-layout";
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

// One page of a cluster-wide key walk behind the cursor of cluster-cursor.ts (which says how a
// failover mid-walk is handled). Every master with slots left is asked at once for its share of
// the page, round after round: the masters' SCANs overlap as a bare parallel walk's would,
// rather than the page waiting on one master after another.

export async function computeClusterPage(connId: string, req: ScanRequest): Promise<ScanPage> {
  let layout = await clusterLayout(connId);
  const clientOf = (addr: string): Promise<Redis> => sharedClient(connId, 0, addr);
  const dbsize = Promise.all(layout.masters.map((m) => clientOf(m.addr))).then(dbsizeOf);
  dbsize.catch(() => {}); // awaited below; this only keeps an early failure from going unhandled
  const walk = decodeClusterWalk(req.cursor);
  const done = slotSet(walk?.done ?? "");
  let parts = withNewParts(layout, walk?.parts ?? [], done);
  let restarted: string | undefined;
  const keys: Buffer[] = [];
  const types: string[] | null = req.meta ? [] : null;
  const ttls: number[] | null = req.meta ? [] : null;
  const started = Date.now();
  // Each master's step asks for its share of what one step would ask of a single server.
  const share = Math.ceil(scanCountPerCall(req) / Math.max(parts.length, 1));
  const pace = paceFor(req.meta ? "keys+meta" : "keys", req.match, Math.max(share, 10));
  while (parts.length > 0 && keys.length < req.count) {
    const valid = validParts(layout, parts);
    if (valid.length < parts.length) {
      // A node failed over, left, or gained or lost slots: its part starts again on the slots'
      // current owners, and finished slots stay finished.
      const gone = parts.filter((p) => !valid.includes(p) && p.cursor !== "0");
      if (gone.length)
        restarted = `The cluster changed during the walk (a failover or a resharding): the slots of ${gone.length === 1 ? "one master" : `${gone.length} masters`} were walked again, so their keys may be listed twice.`;
      layout = await clusterLayout(connId, { fresh: true });
      parts = withNewParts(layout, validParts(layout, valid), done);
      continue;
    }
    const round = parts.map(async (part) => {
      const master = layout.masters.find((m) => m.id === part.node) as ClusterNode;
      return {
        part,
        master,
        step: await queuedScanStep(await clientOf(master.addr), part.cursor, req, pace),
      };
    });
    let steps: Awaited<(typeof round)[number]>[];
    try {
      steps = await Promise.all(round);
    } catch (e) {
      layoutIsStale(connId);
      throw e;
    }
    const next: WalkPart[] = [];
    for (const { part, master, step } of steps) {
      // Keys of finished slots (met again after a resharding) are not handed out twice.
      const filter = master.slots.some(([a, b]) => done.subarray(a, b + 1).includes(1));
      for (let i = 0; i < step.keys.length; i++) {
        const key = step.keys[i] as Buffer;
        if (filter && done[keySlot(key)]) continue;
        keys.push(key);
        types?.push(step.types?.[i] as string);
        ttls?.push(step.ttls?.[i] as number);
      }
      if (step.next === "0") for (const [a, b] of master.slots) done.fill(1, a, b + 1);
      else next.push({ ...part, cursor: step.next });
    }
    parts = withNewParts(layout, next, done);
    if (Date.now() - started > scanBudgetMs()) break;
  }
  return {
    cursor: encodeClusterWalk({ parts, done: setText(done) }),
    keys,
    types,
    ttls,
    dbsize: await dbsize,
    ...(restarted && { restarted }),
  };
}
