import "server-only";
import type { Overview, PersistenceStatus } from "@/lib/schemas/overview";
import { databaseCount } from "./databases";
import { overviewFrom, parseInfo, persistenceFrom } from "./info";
import { latestSample, SAMPLE_INTERVAL_MS, touchSampler } from "./sampler";
import { firstServerNode, targetFor } from "./target";

// The overview: one `INFO all` (commandstats included) plus the sampler's latest rates. Asking
// for it keeps the connection's sampler running, so the page's charts fill while it is open.

export async function readOverview(connId: string): Promise<Overview> {
  touchSampler(connId);
  const node = await firstServerNode(targetFor(connId, 0));
  const [text, databases] = await Promise.all([node.info("all"), databaseCount(connId)]);
  const latest = latestSample(connId);
  const rates: Overview["stats"]["rates"] = latest
    ? {
        intervalSeconds: SAMPLE_INTERVAL_MS / 1000,
        opsPerSec: latest.opsPerSec,
        hitRatio: latest.hitRatio,
        evictedPerSec: latest.evictedPerSec,
        expiredPerSec: latest.expiredPerSec,
      }
    : null;
  return overviewFrom(parseInfo(text), { databases, rates, sampledAt: Date.now() / 1000 });
}

/** INFO persistence only: cheap enough to poll every second while a save runs. */
export async function readPersistence(connId: string): Promise<PersistenceStatus> {
  const node = await firstServerNode(targetFor(connId, 0));
  return persistenceFrom(parseInfo(await node.info("persistence")));
}
