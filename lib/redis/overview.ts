import "server-only";
import { ApiError } from "@/lib/errors";
import type { Overview, PersistenceStatus } from "@/lib/schemas/overview";
import { infoOfNodes, pickerNodes, pickNode } from "./cluster-info";
import { databaseCount } from "./databases";
import { overviewFrom, parseInfo, persistenceFrom } from "./info";
import { sumInfo } from "./info-sum";
import { latestSample, SAMPLE_INTERVAL_MS, touchSampler } from "./sampler";
import { firstServerNode, type RedisTarget, targetFor } from "./target";

// The overview: one `INFO all` (commandstats included) plus the sampler's latest rates. Asking
// for it keeps the connection's sampler running, so the page's charts fill while it is open.
// On a cluster it is the cluster's totals (info-sum.ts says what is summed over what), or with
// `node` that one node's INFO as a standalone server's; the sampler's rates are the totals', so
// a single node's view has none.

function ratesNow(connId: string): Overview["stats"]["rates"] {
  const latest = latestSample(connId);
  return latest
    ? {
        intervalSeconds: SAMPLE_INTERVAL_MS / 1000,
        opsPerSec: latest.opsPerSec,
        hitRatio: latest.hitRatio,
        evictedPerSec: latest.evictedPerSec,
        expiredPerSec: latest.expiredPerSec,
      }
    : null;
}

export async function readOverview(connId: string, node?: string): Promise<Overview> {
  touchSampler(connId);
  const target = targetFor(connId, 0);
  if (target.kind === "cluster") return clusterOverview(connId, target, node);
  const client = node ? (await target.nodeAt(node)).client : await firstServerNode(target);
  const [text, databases] = await Promise.all([client.info("all"), databaseCount(connId)]);
  return overviewFrom(parseInfo(text), {
    databases,
    rates: ratesNow(connId),
    sampledAt: Date.now() / 1000,
  });
}

async function clusterOverview(
  connId: string,
  target: RedisTarget,
  node: string | undefined,
): Promise<Overview> {
  // The picked node is checked first: a wrong one is a 400 naming the nodes, whatever else.
  const picked = node ? await target.nodeAt(node) : undefined;
  const infos = await infoOfNodes(connId, "all");
  const answered = infos.filter((i) => i.info !== null);
  const masters = answered.filter((i) => i.node.role === "master" && i.node.slots.length > 0);
  const cluster = {
    node: picked?.addr ?? null,
    nodes: pickerNodes(infos),
    mastersSummed: picked ? 0 : masters.length,
    nodesSummed: picked ? 1 : answered.length,
  };
  const sampledAt = Date.now() / 1000;
  if (picked) {
    const one = infos.find((i) => i.node.id === picked.id);
    if (!one?.info)
      throw new ApiError("REDIS_UNAVAILABLE", one?.error ?? `${picked.addr} does not answer.`);
    const overview = overviewFrom(one.info, { databases: 1, rates: null, sampledAt });
    return { ...overview, persistence: { ...overview.persistence, node: picked.addr }, cluster };
  }
  if (masters.length === 0) {
    const why = infos.find((i) => i.error)?.error ?? "no master answers";
    throw new ApiError("REDIS_UNAVAILABLE", `No master of the cluster answers INFO (${why}).`);
  }
  const summed = sumInfo(
    masters.map((m) => m.info as NonNullable<typeof m.info>),
    answered.map((a) => a.info as NonNullable<typeof a.info>),
  );
  const replicas = answered.length - masters.length;
  const overview = overviewFrom(summed, { databases: 1, rates: ratesNow(connId), sampledAt });
  overview.server.role = `${masters.length} masters, ${replicas} replicas`;
  // Persistence is not summed: it is the first master's, and says so.
  const first = masters[0]?.node.addr;
  return { ...overview, persistence: { ...overview.persistence, node: first }, cluster };
}

/** INFO persistence only: cheap enough to poll every second while a save runs. On a cluster,
 * of `node`, or of the first master (named in the answer). */
export async function readPersistence(connId: string, node?: string): Promise<PersistenceStatus> {
  const picked = await pickNode(connId, node);
  const status = persistenceFrom(parseInfo(await picked.client.info("persistence")));
  return picked.addr ? { ...status, node: picked.addr } : status;
}
